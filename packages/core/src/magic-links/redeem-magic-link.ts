import type { LatchkeyConfig } from "../config.ts";
import type { Clock, Signer } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import { type Answerer, answerSubject } from "./answer-subject.ts";
import { magicLinkHashes, sha256 } from "./hashes.ts";
import { magicLinkAudience } from "./magic-link-token.ts";
import { consumeMagicLink } from "./store/consume-magic-link.ts";
import { forgetAddressLookup } from "./store/forget-address-lookup.ts";
import { verifyMagicLinkToken } from "./verify-magic-link-token.ts";

export interface RedeemMagicLinkContext {
  config: LatchkeyConfig;
  table: TableRef;
  signer: Signer;
  clock: Clock;
}

export type MagicLinkRedemption = { ok: true } | { ok: false; reason: string };

/** What a browser sends as its link verifier: 32 random bytes, base64url. */
const VERIFIER = /^[A-Za-z0-9_-]{43}$/;

/**
 * Redeems a magic link for a Cognito user signing in through an app client. The token's signature,
 * audience (this pool and that client), user and expiry are checked in code, and the address it was
 * mailed to must be the account's verified email now: a link mailed on a stale lookup, to an address
 * the account has left, is refused, and that lookup dropped (so the next request asks the pool). Then
 * ONE conditional write consumes the link and its code from the slot the token names, in the address's
 * item, which also checks the same-browser binding. That write cannot tell why it failed, so a link
 * used, revoked, or bound to another browser is one reason: "link not redeemable". A failing dependency
 * throws, so the caller fails closed.
 */
export async function redeemMagicLink(
  context: RedeemMagicLinkContext,
  input: Answerer & { token: string; clientId: string; linkVerifier: string | undefined },
): Promise<MagicLinkRedemption> {
  const { config } = context;
  const nowSeconds = Math.floor(context.clock.now() / 1000);
  const check = await verifyMagicLinkToken(context.signer, input.token, {
    audience: magicLinkAudience(config.userPoolId, input.clientId),
    username: input.username,
    nowSeconds,
  });
  if (!check.ok) return check;
  let bindingHash: string | undefined;
  if (config.magicLinks.binding === "same-browser") {
    if (!input.linkVerifier) return { ok: false, reason: "link verifier missing" };
    if (!VERIFIER.test(input.linkVerifier)) return { ok: false, reason: "link verifier malformed" };
    bindingHash = sha256(input.linkVerifier);
  }
  const hashes = magicLinkHashes(config.passkeys.challengeSecret);
  const subject = answerSubject(hashes, input);
  if (subject.addressHash !== check.payload.address) {
    await forgetAddressLookup(context.table, { addressHash: check.payload.address, username: input.username });
    return { ok: false, reason: "address no longer the account's" };
  }
  const consumed = await consumeMagicLink(context.table, {
    subject,
    slot: check.payload.slot,
    linkIdHash: hashes.linkId(check.payload.id),
    bindingHash,
    nowSeconds,
  });
  return consumed ? { ok: true } : { ok: false, reason: "link not redeemable" };
}
