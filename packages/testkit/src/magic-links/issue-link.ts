import { randomBytes } from "node:crypto";
import {
  issueLinkRecord,
  magicLinkAudience,
  magicLinkHashes,
  newLinkSecrets,
  sha256,
  signMagicLinkToken,
} from "@latchkey/core/magic-links";
import type { TriggerDeps } from "@latchkey/triggers";
import { TEST_CLIENT } from "../config/test-config.ts";

/**
 * Issues a link and a code the way POST /magic-links does (same store call, same hashes), so the
 * verifiers can be tested without the api. `payload` overrides what the token claims.
 */
export async function issueLink(
  deps: TriggerDeps,
  username: string,
  options: { verifier?: string; payload?: Partial<Record<"username" | "audience" | "iat" | "exp", unknown>> } = {},
) {
  const { config } = deps;
  const hashes = magicLinkHashes(config.passkeys.challengeSecret);
  const nowSeconds = Math.floor(deps.clock.now() / 1000);
  const { linkId, code } = newLinkSecrets();
  const exp = nowSeconds + config.magicLinks.expirySeconds;
  await issueLinkRecord(deps.table, {
    subject: { username },
    linkIdHash: hashes.linkId(linkId),
    codeHash: hashes.code(username, code),
    bindingHash: options.verifier ? sha256(options.verifier) : undefined,
    nowSeconds,
    linkExpiresAt: exp,
    minSecondsBetweenEmails: 0,
    maxPerHour: 1000,
  });
  const payload = {
    username,
    audience: magicLinkAudience(config.userPoolId, TEST_CLIENT),
    iat: nowSeconds,
    exp,
    id: linkId,
    ...options.payload,
  } as Parameters<typeof signMagicLinkToken>[1];
  return { token: await signMagicLinkToken(deps.signer, payload), code, linkId };
}

/** A same-browser link's verifier, as the client keeps it. */
export const newVerifier = () => randomBytes(32).toString("base64url");
