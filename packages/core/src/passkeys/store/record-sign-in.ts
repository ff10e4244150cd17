import { type AttributeValue, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { passkeyItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { challengeHash } from "./challenge-hash.ts";
import { IS_USERS_PASSKEY, type StoredCredential, usernameCondition } from "./credential-item.ts";
import { moveAddressOwner } from "./move-address-owner.ts";

/**
 * Unexpired challenges one passkey may have redeemed at once: at the longest challenge lifetime (5
 * minutes, and a minute more, see CLOCK_SKEW_SECONDS), 100 sign-ins in 6 minutes, which a person never
 * makes and a test suite signing one virtual authenticator in again and again seldom does. The item
 * stays under 7 KB even then. Only the passkey's holder can add one (the write follows the
 * signature check), and none is ever dropped before it expires, since that would let it be replayed.
 */
export const MAX_REDEEMED_CHALLENGES = 100;

/** More than any two functions' clocks may disagree by (Lambda's are kept in step with NTP). */
export const CLOCK_SKEW_SECONDS = 60;

export type RecordedSignIn = { ok: true } | { ok: false; reason: string };

/**
 * Redeems a verified sign-in's challenge on the passkey's own item and stores the counter, backup state
 * and time, in one conditional write. The challenges redeemed with this passkey that have not expired
 * are on the item; the write replaces them with the same minus the expired ones plus this one.
 *
 * The condition holds the item to what `credential` was read as: still there and the user's, the counter
 * rule that was checked, this challenge not redeemed, and the same number of uses (which the write
 * increments). So the list replaced is exactly the one read: two concurrent sign-ins of one passkey
 * (one assertion twice, or two assertions) cannot both write, and none removes what another added.
 * A challenge is single use per passkey, which is what a replay needs: an assertion is one passkey's
 * signature over one challenge. Another passkey signing the same challenge is its holder's own sign-in,
 * as one with a fresh challenge from the public options route would be.
 *
 * The same write keeps two things in step that are otherwise only written at registration, at no cost
 * once they are: the SPKI form of the key, for a credential stored before it was kept (`publicKeySpki`,
 * from the COSE key this sign-in decoded), and the address the passkey's owner item is under
 * (`ownerAddressHash`, of the account's verified email now; absent when it has none, which changes
 * nothing). When that address differs from the one the credential was last seen with (the user changed
 * and verified their email, or the credential predates owner items), the write records the new one and,
 * once it has succeeded, the owner item moves (moveAddressOwner): extra writes once per change.
 */
export async function recordSignIn(
  table: TableRef,
  input: {
    credential: StoredCredential;
    challenge: { bytes: Uint8Array; expiresAt: number };
    counter: number;
    backedUp: boolean;
    nowMs: number;
    publicKeySpki?: Uint8Array | undefined;
    ownerAddressHash?: string | undefined;
  },
): Promise<RecordedSignIn> {
  const { credential } = input;
  const hash = challengeHash(input.challenge.bytes);
  if (Object.hasOwn(credential.redeemedChallenges, hash)) return { ok: false, reason: "challenge already used" };
  // An entry is dropped a while after its challenge expired (open-challenge.ts refuses such a challenge
  // before it gets here), so that a function whose clock runs behind the one that drops it still finds it.
  const dropBefore = Math.floor(input.nowMs / 1000) - CLOCK_SKEW_SECONDS;
  const unexpired = Object.entries(credential.redeemedChallenges).filter(([, expiresAt]) => expiresAt > dropBefore);
  if (unexpired.length >= MAX_REDEEMED_CHALLENGES) return { ok: false, reason: "too many sign-ins with this passkey" };
  const redeemed: Record<string, AttributeValue> = {};
  for (const [key, expiresAt] of [...unexpired, [hash, input.challenge.expiresAt] as const])
    redeemed[key] = { N: String(expiresAt) };

  const { names, values } = usernameCondition(credential.username);
  const counterRule = `#counter ${input.counter === 0 ? "=" : "<"} :counter`;
  // No sign-in writes 0 uses: read as 0, the item has never had a sign-in recorded.
  const sameUses = credential.uses === 0 ? "attribute_not_exists(#uses)" : "#uses = :uses";
  const { publicKeySpki: spki, ownerAddressHash: owner } = input;
  const ownerMoves = owner !== undefined && owner !== credential.ownerAddressHash;
  const set = [
    "#counter = :counter, backedUp = :backedUp, lastUsedAt = :usedAt, #uses = :nextUses, #redeemed = :redeemed",
    ...(spki ? ["publicKeySpki = if_not_exists(publicKeySpki, :spki)"] : []),
    ...(ownerMoves ? ["ownerAddressHash = :owner"] : []),
  ];
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: passkeyItemKey(credential.id),
        UpdateExpression: `SET ${set.join(", ")}`,
        ConditionExpression: `${IS_USERS_PASSKEY} AND ${counterRule} AND attribute_not_exists(#redeemed.#challenge) AND ${sameUses}`,
        ExpressionAttributeNames: {
          ...names,
          "#counter": "counter",
          "#uses": "uses",
          "#redeemed": "redeemedChallenges",
          "#challenge": hash,
        },
        ExpressionAttributeValues: {
          ...values,
          ":counter": { N: String(input.counter) },
          ":backedUp": { BOOL: input.backedUp },
          ":usedAt": { S: new Date(input.nowMs).toISOString() },
          ":nextUses": { N: String(credential.uses + 1) },
          ":redeemed": { M: redeemed },
          ...(credential.uses > 0 && { ":uses": { N: String(credential.uses) } }),
          ...(spki && { ":spki": { B: spki } }),
          ...(ownerMoves && { ":owner": { S: owner } }),
        },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) return { ok: false, reason: "credential changed during sign-in" };
    throw error;
  }
  if (ownerMoves) {
    await moveAddressOwner(table, { username: credential.username, to: owner, from: credential.ownerAddressHash });
  }
  return { ok: true };
}
