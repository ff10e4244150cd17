import type { LatchkeyConfig } from "@latchkey/core";
import { authenticatePasskey, type PasskeyPolicy, passkeyPolicy } from "@latchkey/core/passkeys";
import type { AnswerVerifier } from "../verify-auth-challenge.ts";

const policies = new WeakMap<LatchkeyConfig, PasskeyPolicy>();

/**
 * PASSKEY: ANSWER is an AuthenticationResponseJSON. The credential must be this user's, the challenge one
 * the api signed (for this user, or usernameless) and unused, the assertion valid for the credential's
 * RP ID and an allowed origin; then the challenge is redeemed and the counter stored, one conditional
 * write each. A failed check is a wrong answer; a failing dependency throws (Cognito then refuses the
 * sign-in with UserLambdaValidationException), so it never turns into tokens.
 */
export const verifyPasskeyAnswer: AnswerVerifier = async (deps, input) => {
  const { config } = deps;
  if (!config.clientIds.includes(input.clientId)) return false;
  let policy = policies.get(config);
  if (!policy) {
    policy = passkeyPolicy(config);
    policies.set(config, policy);
  }
  const result = await authenticatePasskey(
    { policy, table: deps.table, clock: deps.clock },
    { username: input.username, answer: input.answer },
  );
  if (!result.ok) {
    console.info(JSON.stringify({ level: "info", msg: "passkey answer refused", reason: result.reason }));
  }
  return result.ok;
};
