import { LatchkeyError } from "../errors.ts";
import type { Clock } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import type { AaguidDirectory } from "./aaguid-directory.ts";
import type { PasskeyPolicy } from "./policy.ts";
import { consumeChallenge } from "./store/consume-challenge.ts";
import { putCredential } from "./store/put-credential.ts";
import type { CredentialRecord, RegistrationResponseJSON } from "./types.ts";
import { verifyRegistration } from "./verify-registration.ts";

export interface RegisterPasskeyContext {
  policy: PasskeyPolicy;
  table: TableRef;
  clock: Clock;
  aaguids: AaguidDirectory;
}

/**
 * Verifies and stores a new passkey for the signed-in user, in two writes: the challenge is redeemed
 * (single use), then the credential is put under its ID (unique across all users).
 */
export async function registerPasskey(
  context: RegisterPasskeyContext,
  input: { username: string; response: RegistrationResponseJSON; friendlyName?: string | undefined },
): Promise<CredentialRecord> {
  const nowMs = context.clock.now();
  const verified = await verifyRegistration(context.policy, {
    response: input.response,
    username: input.username,
    nowMs,
  });
  if (!(await consumeChallenge(context.table, verified.challenge))) {
    throw new LatchkeyError("CHALLENGE_INVALID", "Passkey registration failed: challenge already used.");
  }
  const authenticator = input.friendlyName ? undefined : await context.aaguids.lookup(verified.credential.aaguid);
  const record: CredentialRecord = {
    ...verified.credential,
    friendlyName: input.friendlyName || authenticator?.name || "Passkey",
    createdAt: new Date(nowMs).toISOString(),
    lastUsedAt: undefined,
  };
  await putCredential(context.table, record);
  return record;
}
