import type { Clock } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import { parseAnswer } from "./parse-response.ts";
import type { PasskeyPolicy } from "./policy.ts";
import { getCredential } from "./store/get-credential.ts";
import { recordSignIn } from "./store/record-sign-in.ts";
import { verifyAssertion } from "./verify-assertion.ts";

export interface AuthenticatePasskeyContext {
  policy: PasskeyPolicy;
  table: TableRef;
  clock: Clock;
}

export type PasskeyAuthentication = { ok: true; credentialId: string } | { ok: false; reason: string };

/**
 * Checks a passkey sign-in answer for a Cognito user in two DynamoDB calls: read the credential, then one
 * conditional write to it that redeems the challenge for this credential and records the use (counter;
 * see record-sign-in.ts, which also moves the address's owner, in two more writes, the one time the
 * account's verified email is not the one the credential was last seen with). A failed check is a
 * result with its reason; a failing dependency throws, so the caller fails closed.
 */
export async function authenticatePasskey(
  context: AuthenticatePasskeyContext,
  input: {
    username: string;
    answer: string;
    /** addressOwnerHash of the account's verified email now, if it has one and may sign in (see recordSignIn). */
    ownerAddressHash?: string | undefined;
  },
): Promise<PasskeyAuthentication> {
  const response = parseAnswer(input.answer);
  if (!response) return { ok: false, reason: "answer malformed" };
  const credential = await getCredential(context.table, response.id);
  if (!credential) return { ok: false, reason: "unknown credential" };
  const nowMs = context.clock.now();
  const verified = await verifyAssertion(context.policy, { response, credential, username: input.username, nowMs });
  if (!verified.ok) return verified;
  const recorded = await recordSignIn(context.table, {
    credential,
    challenge: verified.challenge,
    counter: verified.counter,
    backedUp: verified.backedUp,
    nowMs,
    publicKeySpki: verified.publicKeySpki,
    ownerAddressHash: input.ownerAddressHash,
  });
  if (!recorded.ok) return recorded;
  return { ok: true, credentialId: credential.id };
}
