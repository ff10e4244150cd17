import type { Clock } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import { parseAnswer } from "./parse-response.ts";
import type { PasskeyPolicy } from "./policy.ts";
import { consumeChallenge } from "./store/consume-challenge.ts";
import { getCredential } from "./store/get-credential.ts";
import { recordCredentialUse } from "./store/record-credential-use.ts";
import { verifyAssertion } from "./verify-assertion.ts";

export interface AuthenticatePasskeyContext {
  policy: PasskeyPolicy;
  table: TableRef;
  clock: Clock;
}

export type PasskeyAuthentication = { ok: true; credentialId: string } | { ok: false; reason: string };

/**
 * Checks a passkey sign-in answer for a Cognito user in three DynamoDB calls: read the credential,
 * redeem the challenge, record the use (counter). A failed check is a result with its reason; a failing
 * dependency throws, so the caller fails closed.
 */
export async function authenticatePasskey(
  context: AuthenticatePasskeyContext,
  input: { username: string; answer: string },
): Promise<PasskeyAuthentication> {
  const response = parseAnswer(input.answer);
  if (!response) return { ok: false, reason: "answer malformed" };
  const credential = await getCredential(context.table, response.id);
  if (!credential) return { ok: false, reason: "unknown credential" };
  const nowMs = context.clock.now();
  const verified = await verifyAssertion(context.policy, { response, credential, username: input.username, nowMs });
  if (!verified.ok) return verified;
  if (!(await consumeChallenge(context.table, verified.challenge)))
    return { ok: false, reason: "challenge already used" };
  const recorded = await recordCredentialUse(context.table, {
    id: credential.id,
    username: credential.username,
    counter: verified.counter,
    backedUp: verified.backedUp,
    usedAt: new Date(nowMs).toISOString(),
  });
  if (!recorded) return { ok: false, reason: "credential changed during sign-in" };
  return { ok: true, credentialId: credential.id };
}
