import { LatchkeyError } from "../errors.ts";
import type { Clock } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import type { AaguidDirectory } from "./aaguid-directory.ts";
import type { PasskeyPolicy } from "./policy.ts";
import { consumeChallenge } from "./store/consume-challenge.ts";
import { moveAddressOwner } from "./store/move-address-owner.ts";
import { putCredential } from "./store/put-credential.ts";
import { releasePasskeySlot } from "./store/release-passkey-slot.ts";
import { reservePasskeySlot } from "./store/reserve-passkey-slot.ts";
import type { CredentialRecord, RegistrationResponseJSON } from "./types.ts";
import { verifyRegistration } from "./verify-registration.ts";

export interface RegisterPasskeyContext {
  policy: PasskeyPolicy;
  table: TableRef;
  clock: Clock;
  aaguids: AaguidDirectory;
}

/**
 * Verifies and stores a new passkey for the signed-in user, in three writes: the challenge is redeemed
 * (single use), one of the user's passkey slots is taken (the cap, safe under concurrency), then the
 * credential is put under its ID (unique across all users); a put that fails gives the slot back.
 * Given the hash of the user's verified email (addressOwnerHash), the passkey keeps it and the address's
 * owner item then names the user, so that sign-in options with that email list their passkeys.
 */
export async function registerPasskey(
  context: RegisterPasskeyContext,
  input: {
    username: string;
    response: RegistrationResponseJSON;
    friendlyName?: string | undefined;
    ownerAddressHash?: string | undefined;
  },
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
    ...(input.ownerAddressHash && { ownerAddressHash: input.ownerAddressHash }),
  };
  await reservePasskeySlot(context.table, { username: input.username, max: context.policy.maxPasskeysPerUser });
  try {
    await putCredential(context.table, record);
  } catch (error) {
    await releasePasskeySlot(context.table, input.username);
    throw error;
  }
  if (input.ownerAddressHash) {
    await moveAddressOwner(context.table, { username: input.username, to: input.ownerAddressHash });
  }
  return record;
}
