import { type Clock, type LatchkeyConfig, noAuditEvents, type Signer, type TableRef } from "@latchkey/core";
import type { MagicLinkEmailInput } from "@latchkey/core/magic-links";
import { issueMagicLink, parseEmailAddress, sha256 } from "@latchkey/core/magic-links";

/** The address a test user's links go to (see issueTestLink), and so their verified email at sign-in. */
export const testEmailOf = (username: string) => `${username}@example.com`;

/**
 * For tests: a link and a code for `username`, issued by issueMagicLink itself (for the first app
 * client unless told otherwise) with its rate limits lifted; the email is read, not sent. A `verifier`
 * is the asking browser's; the link is then bound to that browser, whatever the config's binding,
 * unless `bound` is false. Links for one user are one slot window (a minute) apart: move the clock.
 */
export async function issueTestLink(
  context: { config: LatchkeyConfig; table: TableRef; signer: Signer; clock: Clock },
  username: string,
  options: { verifier?: string; bound?: boolean; clientId?: string } = {},
): Promise<{ token: string; code: string }> {
  const { magicLinks } = context.config;
  const config: LatchkeyConfig = {
    ...context.config,
    magicLinks: {
      ...magicLinks,
      binding: (options.bound ?? options.verifier !== undefined) ? "same-browser" : "any-browser",
      minSecondsBetweenEmails: 0,
      maxEmailsPerAddressPerHour: Number.MAX_SAFE_INTEGER,
      maxEmailsPerAddressPerIpPerHour: Number.MAX_SAFE_INTEGER,
      maxRequestsPerIpPerHour: Number.MAX_SAFE_INTEGER,
    },
  };
  const email = parseEmailAddress(testEmailOf(username));
  const user = { username, email: email.address };
  let sent: MagicLinkEmailInput | undefined;
  const issued = await issueMagicLink(
    {
      ...context,
      config,
      directory: { findByEmail: async () => user, createUser: async () => user },
      mailer: { send: async () => undefined },
      auditEvents: noAuditEvents,
      magicLinkEmail: (input) => {
        sent = input;
        return { subject: "", text: "", html: "" };
      },
    },
    {
      email,
      redirectUri: new URL("https://app.example.com/signed-in"),
      bindingHash: options.verifier && sha256(options.verifier),
      clientId: options.clientId ?? config.clientIds[0] ?? "",
      locale: undefined,
      ip: "192.0.2.1",
    },
  );
  if (!issued.ok || !sent) throw new Error(`no link issued: ${issued.ok ? "no email" : issued.reason}`);
  return { token: new URL(sent.link).hash.slice(1), code: sent.code };
}
