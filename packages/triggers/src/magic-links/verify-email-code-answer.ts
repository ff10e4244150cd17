import { redeemEmailCode } from "@latchkey/core/magic-links";
import type { AnswerVerifier } from "../verify-auth-challenge.ts";

/** EMAIL_CODE: ANSWER is the six digits from the email, on any device. */
export const verifyEmailCodeAnswer: AnswerVerifier = (deps, input) =>
  redeemEmailCode(deps, { username: input.username, code: input.answer });
