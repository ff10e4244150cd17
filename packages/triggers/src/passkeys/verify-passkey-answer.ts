import type { LatchkeyConfig } from "@latchkey/core";
import { addressOwnerHash, authenticatePasskey, type PasskeyPolicy, passkeyPolicy } from "@latchkey/core/passkeys";
import type { AnswerVerifier } from "../verify-auth-challenge.ts";

const policies = new WeakMap<LatchkeyConfig, PasskeyPolicy>();

/**
 * PASSKEY: ANSWER is an AuthenticationResponseJSON, checked under the policy derived once per config.
 * The account's verified email, if it may sign in, keeps the address's owner item in step (see
 * recordSignIn); an unverified or absent one, or an account that may not sign in, owns nothing.
 */
export const verifyPasskeyAnswer: AnswerVerifier = (deps, input) => {
  let policy = policies.get(deps.config);
  if (!policy) {
    policy = passkeyPolicy(deps.config);
    policies.set(deps.config, policy);
  }
  const owner = input.userNotFound ? undefined : input.verifiedEmail;
  return authenticatePasskey(
    { policy, table: deps.table, clock: deps.clock },
    {
      username: input.username,
      answer: input.answer,
      ownerAddressHash: owner === undefined ? undefined : addressOwnerHash(deps.config.passkeys.challengeSecret, owner),
    },
  );
};
