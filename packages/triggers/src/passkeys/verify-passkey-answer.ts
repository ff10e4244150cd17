import type { LatchkeyConfig } from "@latchkey/core";
import { authenticatePasskey, type PasskeyPolicy, passkeyPolicy } from "@latchkey/core/passkeys";
import type { AnswerVerifier } from "../verify-auth-challenge.ts";

const policies = new WeakMap<LatchkeyConfig, PasskeyPolicy>();

/** PASSKEY: ANSWER is an AuthenticationResponseJSON, checked under the policy derived once per config. */
export const verifyPasskeyAnswer: AnswerVerifier = (deps, input) => {
  let policy = policies.get(deps.config);
  if (!policy) {
    policy = passkeyPolicy(deps.config);
    policies.set(deps.config, policy);
  }
  return authenticatePasskey(
    { policy, table: deps.table, clock: deps.clock },
    { username: input.username, answer: input.answer },
  );
};
