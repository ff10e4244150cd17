import { type DirectoryUser, isLatchkeyError, LatchkeyError, type LinkSubject } from "@latchkey/core";
import {
  countIpRequest,
  type EmailAddress,
  issueLinkRecord,
  magicLinkAudience,
  magicLinkEmail,
  magicLinkHashes,
  newLinkSecrets,
  resolveLocale,
  revokeLinkRecord,
  signMagicLinkToken,
} from "@latchkey/core/magic-links";
import type { ApiDeps } from "../deps.ts";

export interface MagicLinkRequest {
  email: EmailAddress;
  redirectUri: URL;
  bindingHash: string | undefined;
  /** The app client that will redeem the link: one of the configured ones. */
  clientId: string;
  locale: string | undefined;
  ip: string;
}

function unavailable(what: string) {
  return (cause: unknown): never => {
    if (isLatchkeyError(cause)) throw cause;
    throw new LatchkeyError("SERVICE_UNAVAILABLE", `Could not ${what}; try again later.`, { cause });
  };
}

async function findOrCreateUser(deps: ApiDeps, email: string): Promise<DirectoryUser | undefined> {
  const found = await deps.directory.findByEmail(email).catch(unavailable("look up the account"));
  if (found) return found.enabled ? found : undefined;
  if (!deps.config.magicLinks.allowSignUp) return undefined;
  return deps.directory.createUser(email).catch(unavailable("create the account"));
}

/**
 * Issues a link and a code and mails them. Known and unknown addresses take the same steps (an IP
 * count, a directory lookup, a signature, one conditional write keyed by user or by keyed address
 * hash); only a known user gets mail. At most two DynamoDB calls and one SES call.
 */
export async function requestMagicLink(deps: ApiDeps, request: MagicLinkRequest): Promise<void> {
  const { config, table, clock } = deps;
  const settings = config.magicLinks;
  const hashes = magicLinkHashes(config.passkeys.challengeSecret);
  const nowSeconds = Math.floor(clock.now() / 1000);

  const ipCount = await countIpRequest(table, {
    ipHash: hashes.ip(request.ip),
    nowSeconds,
    maxPerHour: settings.maxRequestsPerIpPerHour,
  }).catch(unavailable("accept the request"));
  if (!ipCount.allowed) throw rateLimited(ipCount.retryAfter);

  const user = await findOrCreateUser(deps, request.email.address);
  const subject: LinkSubject = user ? { username: user.username } : { addressHash: hashes.address(request.email.key) };
  const username = user?.username ?? `unknown:${hashes.address(request.email.key)}`;
  const { linkId, code } = newLinkSecrets();
  const exp = nowSeconds + settings.expirySeconds;
  const audience = magicLinkAudience(config.userPoolId, request.clientId);
  const token = await signMagicLinkToken(deps.signer, { username, audience, iat: nowSeconds, exp, id: linkId }).catch(
    unavailable("sign the link"),
  );
  const linkIdHash = hashes.linkId(linkId);
  const issued = await issueLinkRecord(table, {
    subject,
    linkIdHash,
    codeHash: hashes.code(username, code),
    bindingHash: settings.binding === "same-browser" ? request.bindingHash : undefined,
    nowSeconds,
    linkExpiresAt: exp,
    minSecondsBetweenEmails: settings.minSecondsBetweenEmails,
    maxPerHour: settings.maxEmailsPerAddressPerHour,
  }).catch(unavailable("store the link"));
  if (!issued.issued) throw rateLimited(issued.retryAfter);
  if (!user) return;

  const render = deps.magicLinkEmail ?? magicLinkEmail;
  const email = render({
    locale: resolveLocale(request.locale, settings.locale),
    appName: config.passkeys.relyingPartyName,
    link: `${request.redirectUri.href}#${token}`,
    code,
    expiresInMinutes: Math.round(settings.expirySeconds / 60),
  });
  try {
    await deps.mailer.send({ to: request.email.address, ...email });
  } catch (cause) {
    // Nothing that was not sent may stay redeemable. Should the revocation fail too, the token still
    // exists nowhere but in this process, so the 503 stands either way.
    await revokeLinkRecord(table, subject, linkIdHash).catch(() => undefined);
    throw new LatchkeyError("SERVICE_UNAVAILABLE", "Could not send the email; try again later.", { cause });
  }
}

function rateLimited(retryAfter: number) {
  return new LatchkeyError("RATE_LIMITED", "Too many sign-in emails; try again later.", { retryAfter });
}
