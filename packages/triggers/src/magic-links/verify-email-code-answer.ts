import { redeemEmailCode } from "@latchkey/core/magic-links";
import type { AnswerVerifier } from "../verify-auth-challenge.ts";

/**
 * EMAIL_CODE: ANSWER is the six digits from the email, for the calling app client, on any device; the
 * browser that asked for the email sends its verifier as ClientMetadata.linkVerifier (its own tries).
 */
export const verifyEmailCodeAnswer: AnswerVerifier = (deps, input) =>
  redeemEmailCode(deps, {
    username: input.username,
    userNotFound: input.userNotFound,
    verifiedEmail: input.verifiedEmail,
    clientId: input.clientId,
    code: input.answer,
    linkVerifier: input.clientMetadata.linkVerifier,
  });
