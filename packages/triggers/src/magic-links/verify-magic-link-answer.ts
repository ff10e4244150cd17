import { redeemMagicLink } from "@latchkey/core/magic-links";
import type { AnswerVerifier } from "../verify-auth-challenge.ts";

/**
 * MAGIC_LINK: ANSWER is the token from the link's URL fragment, redeemed for the calling app client;
 * a same-browser link also needs ClientMetadata.linkVerifier, the verifier of the browser that asked.
 */
export const verifyMagicLinkAnswer: AnswerVerifier = (deps, input) =>
  redeemMagicLink(deps, {
    username: input.username,
    userNotFound: input.userNotFound,
    verifiedEmail: input.verifiedEmail,
    token: input.answer,
    clientId: input.clientId,
    linkVerifier: input.clientMetadata.linkVerifier,
  });
