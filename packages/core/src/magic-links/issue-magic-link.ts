import { emitAuditEvent } from "../audit/emit-audit-event.ts";
import type { LatchkeyConfig } from "../config.ts";
import type { AuditEvents, Clock, DirectoryUser, Mailer, Signer, UserDirectory } from "../ports.ts";
import type { LinkSubject } from "../table/item-keys.ts";
import type { TableRef } from "../table/table-schema.ts";
import { unavailable } from "../unavailable.ts";
import { resolveLocale } from "./email/email-locales.ts";
import { type MagicLinkEmailTemplate, magicLinkEmail } from "./email/magic-link-email.ts";
import { magicLinkHashes } from "./hashes.ts";
import { newLinkSecrets } from "./link-secrets.ts";
import { magicLinkAudience } from "./magic-link-token.ts";
import { maskEmail } from "./mask-email.ts";
import { networkKey } from "./network-key.ts";
import type { EmailAddress } from "./parse-email-address.ts";
import { sendOrRevoke } from "./send-or-revoke.ts";
import { signMagicLinkToken } from "./sign-magic-link-token.ts";
import { freshLookup } from "./store/address-lookup.ts";
import { closeNobodysLink } from "./store/close-nobodys-link.ts";
import { countIpRequest } from "./store/count-ip-request.ts";
import { issueLinkRecord } from "./store/issue-link-record.ts";
import { linkSlot, linkSlotWidth } from "./store/link-record.ts";
import { recordAddressLookup } from "./store/record-address-lookup.ts";
import { revokeLinkRecord } from "./store/revoke-link-record.ts";

export interface IssueMagicLinkContext {
  config: LatchkeyConfig;
  table: TableRef;
  directory: Pick<UserDirectory, "findByEmail" | "createUser">;
  signer: Signer;
  mailer: Mailer;
  clock: Clock;
  auditEvents: AuditEvents;
  /** The sign-in email; the built-in template (English, German) when unset. */
  magicLinkEmail?: MagicLinkEmailTemplate | undefined;
}

export interface MagicLinkRequest {
  email: EmailAddress;
  redirectUri: URL;
  /**
   * SHA-256 of a verifier the requesting browser keeps: a same-browser link opens only there, and that
   * browser knows the link for its own and has tries of its own at the code.
   */
  bindingHash: string | undefined;
  /** The app client that will redeem the link: one of the configured ones. */
  clientId: string;
  locale: string | undefined;
  ip: string;
}

/** Refused only by a rate limit, so the reason never tells a known address from an unknown one. */
export type MagicLinkIssuance = { ok: true } | { ok: false; reason: string; retryAfter: number };

/**
 * Issues a link and a code and mails them. Known and unknown addresses take the same steps (a count
 * per client network, one conditional write to the address's item, a signature) and get the same
 * result; only an account that may sign in gets mail. The write returns the address's lookup (see
 * address-lookup.ts): when it is fresh, the pool is not asked, so a known address costs two DynamoDB
 * calls, one signature and one mail. Otherwise the pool is asked (AdminGetUser, or AdminCreateUser
 * when sign-up is allowed) and the answer recorded, one more write. Link and code are kept under the
 * address and the token carries its keyed hash, so however stale a lookup, they sign in only an account
 * whose verified email the address is when they are redeemed. A new link leaves the links sent before
 * it redeemable, so asking for mail in someone else's name never takes a link from them. A dependency
 * that fails in a way a retry may mend throws SERVICE_UNAVAILABLE (one that refuses, a misconfiguration,
 * throws as it is: INTERNAL), and a link whose mail failed is revoked either way. A mail sent is a
 * MagicLinkIssued audit event.
 */
export async function issueMagicLink(
  context: IssueMagicLinkContext,
  request: MagicLinkRequest,
): Promise<MagicLinkIssuance> {
  const { config, table, clock } = context;
  const settings = config.magicLinks;
  const hashes = magicLinkHashes(config.passkeys.challengeSecret);
  const nowSeconds = Math.floor(clock.now() / 1000);

  const addressHash = hashes.address(request.email.key);
  const ipCount = await countIpRequest(table, {
    ipHash: hashes.ip(networkKey(request.ip)),
    addressHash,
    nowSeconds,
    maxPerHour: settings.maxRequestsPerIpPerHour,
    maxPerAddress: settings.maxEmailsPerAddressPerIpPerHour,
  }).catch(unavailable("accept the request"));
  if (!ipCount.allowed) return { ok: false, reason: "IP rate limited", retryAfter: ipCount.retryAfter };

  const subject: LinkSubject = { addressHash };
  const { linkId, code } = newLinkSecrets();
  const exp = nowSeconds + settings.expirySeconds;
  const width = linkSlotWidth(settings);
  const slotWindow = { width, ...linkSlot(nowSeconds, width) };
  const linkIdHash = hashes.linkId(linkId);
  const issued = await issueLinkRecord(table, {
    subject,
    window: slotWindow,
    linkIdHash,
    codeHash: hashes.code(addressHash, request.clientId, code),
    requesterHash: request.bindingHash,
    bound: settings.binding === "same-browser",
    nowSeconds,
    linkExpiresAt: exp,
    minSecondsBetweenEmails: settings.minSecondsBetweenEmails,
    maxPerHour: settings.maxEmailsPerAddressPerHour,
  }).catch(unavailable("store the link"));
  if (!issued.issued) return { ok: false, reason: "address rate limited", retryAfter: issued.retryAfter };

  const record = { subject, slot: slotWindow.slot, linkIdHash };
  // Only a lookup that names someone is trusted here (one of nobody would keep mail from a new account),
  // and one of an address the pool holds as normalized, which is where the mail then goes.
  const lookup = freshLookup(issued.previous, nowSeconds, settings.addressLookupMaxAgeSeconds);
  const known = lookup?.asStored ? lookup.username : undefined;
  // Until the link is signed and its user known, its code is stored but not sent: should either fail,
  // the code must not stay to be guessed (as sendOrRevoke empties a slot whose mail failed).
  const { user, token } = await (async () => {
    const found = known
      ? { username: known, email: request.email.key }
      : await askPool(context, request, { addressHash, nowSeconds });
    const signed = await signMagicLinkToken(context.signer, {
      username: found?.username ?? `unknown:${addressHash}`,
      audience: magicLinkAudience(config.userPoolId, request.clientId),
      iat: nowSeconds,
      exp,
      id: linkId,
      slot: slotWindow.slot,
      address: addressHash,
      account: maskEmail(found?.email ?? request.email.address),
      ...(request.bindingHash && { browser: request.bindingHash }),
    }).catch(unavailable("sign the link"));
    return { user: found, token: signed };
  })().catch(async (error: unknown) => {
    await revokeLinkRecord(table, subject, record).catch(() => undefined);
    throw error;
  });
  if (!user) {
    await closeNobodysLink(table, { ...record, nowSeconds }).catch(unavailable("store the link"));
    return { ok: true };
  }

  const render = context.magicLinkEmail ?? magicLinkEmail;
  const email = render({
    locale: resolveLocale(request.locale, settings.locale),
    appName: config.passkeys.relyingPartyName,
    link: `${request.redirectUri.href}#${token}`,
    code,
    expiresInMinutes: Math.round(settings.expirySeconds / 60),
  });
  await sendOrRevoke(context, record, { to: user.email, kind: "link", ...email });
  emitAuditEvent(context.auditEvents, "MagicLinkIssued", {
    username: user.username,
    clientId: request.clientId,
    sameBrowser: settings.binding === "same-browser",
    expiresAt: new Date(exp * 1000).toISOString(),
  });
  return { ok: true };
}

/**
 * The account that signs in with this address, or a new one when sign-up is allowed, as the pool has
 * it now; an account is recorded as the address's lookup (nobody is, with the link's slot: see
 * closeNobodysLink). An address some account holds but may not sign in with (unverified, say) stays
 * nobody's: no mail, and no sign-up.
 */
async function askPool(
  context: IssueMagicLinkContext,
  request: MagicLinkRequest,
  at: { addressHash: string; nowSeconds: number },
): Promise<DirectoryUser | undefined> {
  const { directory, config } = context;
  const found = await directory.findByEmail(request.email.address).catch(unavailable("look up the account"));
  const user =
    found ??
    (config.magicLinks.allowSignUp
      ? await directory.createUser(request.email.address).catch(unavailable("create the account"))
      : undefined);
  if (!user) return undefined;
  const asStored = user.email === request.email.key;
  await recordAddressLookup(context.table, { ...at, user: { username: user.username, asStored } }).catch(
    unavailable("record the account"),
  );
  return user;
}
