import { consumeEmailCode, magicLinkHashes } from "@latchkey/core/magic-links";
import type { TriggerDeps } from "../deps.ts";
import type { AnswerVerifier } from "../verify-auth-challenge.ts";

const CODE = /^\d{6}$/;

/**
 * EMAIL_CODE: the six digits from the email. One conditional write counts the try and redeems the
 * outstanding code (and its link) if it matches, is unexpired and has had fewer than three tries: the
 * count lives in DynamoDB, so the limit holds across Cognito sessions, concurrent ones included. The
 * code works on any device.
 */
export const verifyEmailCodeAnswer: AnswerVerifier = async (deps: TriggerDeps, input) => {
  const { config } = deps;
  if (!config.clientIds.includes(input.clientId)) return false;
  if (!CODE.test(input.answer)) return false;
  return consumeEmailCode(deps.table, {
    username: input.username,
    codeHash: magicLinkHashes(config.passkeys.challengeSecret).code(input.username, input.answer),
    nowSeconds: Math.floor(deps.clock.now() / 1000),
  });
};
