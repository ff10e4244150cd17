import { redeemSmsCode } from "@latchkey/core/sms";
import type { AnswerVerifier } from "../verify-auth-challenge.ts";

/**
 * SMS_CODE: ANSWER is the six digits from the text, for the calling app client, in the browser that
 * asked for it, which sends its verifier as ClientMetadata.smsVerifier.
 */
export const verifySmsCodeAnswer: AnswerVerifier = (deps, input) =>
  redeemSmsCode(deps, {
    username: input.username,
    userNotFound: input.userNotFound,
    clientId: input.clientId,
    code: input.answer,
    verifier: input.clientMetadata.smsVerifier,
  });
