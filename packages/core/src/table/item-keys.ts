import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { tableSchema } from "./table-schema.ts";

/**
 * Every key follows one convention: upper-case labels, `#` between a label and its value. The
 * partition key names what the item is about, the sort key what kind of item it is:
 *   PASSKEY#<credential ID>     PASSKEY        a passkey (IDs are unique across all users), with the
 *                                              sign-in challenges redeemed with it that have not expired
 *   CHALLENGE#<hash>            CHALLENGE      a redeemed registration challenge, kept until it expires
 *   USER#<username>             PASSKEYS       how many passkeys the user has (places taken, see the cap)
 *   USER#<username>             ADDRESS        the keyed hash of the address the user's links were last kept under
 *   ADDRESS#<keyed hash>        LINK           an address's outstanding magic links and codes, its rate limits,
 *                                              and its lookup: the username that held it when last asked
 *   ADDRESS#<keyed hash>        OWNER          the username whose passkeys sign-in options list for the address:
 *                                              the user who last registered or signed in with a passkey while it
 *                                              was their verified email (no TTL)
 *   IP#<keyed hash>             HOUR#<hour>    requests from one client network in one clock hour
 *   USER#<username>             SMSCODE#<hash> the code last texted to the user for one browser (SHA-256 of its verifier)
 *   PHONE#<keyed hash>          SMSCODE#<hash> the same for a number (or a name typed at sign-in) that belongs to nobody
 *   SMS#HOUR#<hour>             SMS            texts in one clock hour: in all, per number, per range, per network
 * and in the user index, a passkey is listed under USER#<username>, PASSKEY#<createdAt>#<ID start>.
 */
export type ItemKey = Record<string, AttributeValue>;

function itemKey(partition: string, sort: string): ItemKey {
  return { [tableSchema.partitionKey]: { S: partition }, [tableSchema.sortKey]: { S: sort } };
}

/** The partition of everything kept for one Cognito user, in the table and in the user index. */
export const userPartition = (username: string) => `USER#${username}`;

export const passkeyItemKey = (credentialId: string) => itemKey(`PASSKEY#${credentialId}`, "PASSKEY");

/**
 * A passkey's place in the user index, oldest first. An index sort key holds at most 1024 bytes and a
 * credential ID may take 1364 characters of base64url, so only its start breaks ties (index keys need
 * not be unique).
 */
export function passkeyUserIndexKey(passkey: { username: string; createdAt: string; id: string }): ItemKey {
  const { partitionKey, sortKey } = tableSchema.userIndex;
  return {
    [partitionKey]: { S: userPartition(passkey.username) },
    [sortKey]: { S: `PASSKEY#${passkey.createdAt}#${passkey.id.slice(0, 64)}` },
  };
}

export const passkeyCountItemKey = (username: string) => itemKey(userPartition(username), "PASSKEYS");

export const redeemedChallengeItemKey = (challengeHash: string) => itemKey(`CHALLENGE#${challengeHash}`, "CHALLENGE");

/**
 * Whom a magic link is kept for: the address it was mailed to (a keyed hash of it), known or not, so
 * that only an account whose verified email that address still is can redeem it, and nobody can tell
 * known addresses from unknown ones by their items.
 */
export type LinkSubject = { addressHash: string };

export const linkItemKey = (subject: LinkSubject) => itemKey(`ADDRESS#${subject.addressHash}`, "LINK");

/**
 * Whose passkeys sign-in options with a typed email list: the same keyed hash of the address as its
 * link item, another item, since it outlives every link.
 */
export const addressOwnerItemKey = (addressHash: string) => itemKey(`ADDRESS#${addressHash}`, "OWNER");

/**
 * Where a user's links are kept, for what has only the username (the admin API, which holds no key to
 * hash an address with): recorded with every lookup of the user, and when a step-up code is mailed.
 */
export const userAddressItemKey = (username: string) => itemKey(userPartition(username), "ADDRESS");

/** Whom a texted code is kept for: a user, or (so that nobody can tell) a number that has none. */
export type SmsCodeSubject = { username: string } | { numberHash: string };

/** The sort keys of texted codes begin with this: a user's are one query of their partition. */
export const SMS_CODE_SORT_PREFIX = "SMSCODE#";

export const smsCodeItemKey = (subject: SmsCodeSubject, requesterHash: string) =>
  itemKey(
    "username" in subject ? userPartition(subject.username) : `PHONE#${subject.numberHash}`,
    `${SMS_CODE_SORT_PREFIX}${requesterHash}`,
  );

export const smsHourItemKey = (hour: number) => itemKey(`SMS#HOUR#${hour}`, "SMS");

export const ipHourItemKey = (ipHash: string, hour: number) => itemKey(`IP#${ipHash}`, `HOUR#${hour}`);
