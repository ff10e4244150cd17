import {
  consumeMagicLink,
  magicLinkAudience,
  magicLinkHashes,
  sha256,
  verifyMagicLinkToken,
} from "@latchkey/core/magic-links";
import type { TriggerDeps } from "../deps.ts";
import type { AnswerVerifier } from "../verify-auth-challenge.ts";

/** What the client sends as ClientMetadata.linkVerifier: 32 random bytes, base64url. */
const VERIFIER = /^[A-Za-z0-9_-]{43}$/;

/**
 * MAGIC_LINK: the token's signature, audience (this pool and the calling app client), user and expiry
 * are checked in code; then ONE conditional write consumes the outstanding link (and its code), which
 * also checks the same-browser binding. Any failed check is a wrong answer.
 */
export const verifyMagicLinkAnswer: AnswerVerifier = async (deps: TriggerDeps, input) => {
  const { config } = deps;
  const nowSeconds = Math.floor(deps.clock.now() / 1000);
  if (!config.clientIds.includes(input.clientId)) return false;
  const check = await verifyMagicLinkToken(deps.signer, input.answer, {
    audience: magicLinkAudience(config.userPoolId, input.clientId),
    username: input.username,
    nowSeconds,
  });
  if (!check.ok) return false;
  let bindingHash: string | undefined;
  if (config.magicLinks.binding === "same-browser") {
    const verifier = input.clientMetadata.linkVerifier;
    if (!verifier || !VERIFIER.test(verifier)) return false;
    bindingHash = sha256(verifier);
  }
  return consumeMagicLink(deps.table, {
    username: input.username,
    linkIdHash: magicLinkHashes(config.passkeys.challengeSecret).linkId(check.payload.id),
    bindingHash,
    nowSeconds,
  });
};
