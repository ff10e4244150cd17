import { domainToASCII, domainToUnicode } from "node:url";
import { LatchkeyError } from "../errors.ts";

export interface EmailAddress {
  /** What is looked up and mailed to: the local part as given, the domain lower-case ASCII (punycode). */
  address: string;
  /** The whole address in lower case: the key of per-address rate limits. */
  key: string;
}

/**
 * A conservative subset of RFC 5321 local parts: a dot-atom of common characters. Quoted strings,
 * comments, `%` and `!` routing and `?` (encoded-word openers) are refused along with anything
 * non-ASCII, so every component that reads the address sees the same single mailbox.
 */
const LOCAL_PART = /^[A-Za-z0-9_+'&=~#$-]+(?:\.[A-Za-z0-9_+'&=~#$-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** Ideographic and halfwidth full stops: IDNA reads them as dots, people do not. */
const FOREIGN_DOTS = /[\u3002\uff0e\uff61]/;

function invalid(reason: string): never {
  throw new LatchkeyError("INVALID_EMAIL", `Invalid email address: ${reason}.`);
}

/** An IDN domain is accepted only if its Unicode form is already canonical, never mapped or folded. */
function asciiDomain(domain: string): string {
  if (/^[\x21-\x7e]+$/.test(domain)) return domain.toLowerCase();
  if (domain.normalize("NFKC") !== domain || FOREIGN_DOTS.test(domain)) invalid("lookalike characters");
  const ascii = domainToASCII(domain);
  if (ascii === "" || domainToUnicode(ascii) !== domain.toLowerCase()) invalid("unsafe international domain");
  return ascii;
}

export function parseEmailAddress(input: string): EmailAddress {
  if (input.length < 3 || input.length > 254) invalid("length");
  // Control characters (CR/LF header injection) and any kind of space, also Unicode ones.
  if (/[\p{Cc}\p{Cf}\p{Z}\s]/u.test(input)) invalid("whitespace or control characters");
  if (/[,;<>"()[\]\\:]/.test(input)) invalid("more than one address or a display name");
  const at = input.indexOf("@");
  if (at < 0 || at !== input.lastIndexOf("@")) invalid("exactly one @ is required");
  const local = input.slice(0, at);
  const domain = asciiDomain(input.slice(at + 1));
  if (local.length > 64 || !LOCAL_PART.test(local)) invalid("local part");
  const labels = domain.split(".");
  if (domain.length > 253 || labels.length < 2) invalid("domain");
  if (!labels.every((label) => LABEL.test(label))) invalid("domain");
  if (!TOP_LEVEL.test(labels.at(-1) ?? "")) invalid("top-level domain");
  const address = `${local}@${domain}`;
  return { address, key: address.toLowerCase() };
}
