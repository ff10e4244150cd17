import { Token } from "aws-cdk-lib";

export interface EmailSettings {
  /**
   * The name mail programs show as the sender: From is then `senderName <magicLinks.senderAddress>`
   * (quoted, and MIME-encoded when it is not ASCII, as SES requires). Or write the name into
   * `magicLinks.senderAddress` as `Name <address>`, not both. Default: none.
   */
  senderName?: string;
  /**
   * The emails' language when the browser asks for one they are not written in (LATCHKEY_LOCALE): en,
   * de, fr, es or ja. The sign-in and step-up emails and the passkey notices are written in all five.
   * Default: en.
   */
  defaultLocale?: string;
  /**
   * Path of a module of your own (TypeScript or JavaScript, read at synth) exporting any of
   * `magicLinkEmail`, `stepUpEmail` and `passkeyNoticeEmail` (the types of @latchkey/core/magic-links),
   * bundled into the api function in place of the built-in templates. Synthesis renders each in every
   * language and fails when one throws, misses a part, or leaves out the link or code. Default: the
   * built-in templates.
   */
  templates?: string;
}

/** Sender names are shown, not parsed: printable text of a sensible length, no line breaks. */
const MAX_NAME_LENGTH = 100;

/** RFC 5322 specials: a display name holding one must be a quoted string. */
const SPECIALS = /[()<>[\]:;@\\,."]/;

/**
 * The From of every email: the sender address, with `senderName` in front if given. A non-ASCII name
 * is a MIME encoded-word (RFC 2047), which SES requires of the display name.
 */
export function fromAddress(senderAddress: string, senderName: string | undefined): string {
  if (senderName === undefined) return senderAddress;
  if (Token.isUnresolved(senderName)) throw new Error("Latchkey: email.senderName must be a literal string");
  const name = senderName.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (name === "" || name.length > MAX_NAME_LENGTH || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new Error(
      `Latchkey: email.senderName must be 1 to ${MAX_NAME_LENGTH} characters on one line, not ${JSON.stringify(senderName)}`,
    );
  }
  if (/<[^<>]*>\s*$/.test(senderAddress)) {
    throw new Error(
      "Latchkey: magicLinks.senderAddress already has a name (`Name <address>`): give email.senderName or that, not both",
    );
  }
  // Printable ASCII goes as it is (quoted if it holds a special); anything else is encoded.
  const display = /^[\u0020-\u007e]*$/.test(name)
    ? SPECIALS.test(name)
      ? `"${name.replace(/["\\]/g, "\\$&")}"`
      : name
    : `=?UTF-8?B?${Buffer.from(name, "utf8").toString("base64")}?=`;
  return `${display} <${senderAddress.trim()}>`;
}
