import type { AttributeValue } from "@aws-sdk/client-dynamodb";

/**
 * An address's lookup, kept on its link item (see linkItemKey): when the pool was last asked about the
 * address, and the Cognito username it named, if any (no username: nobody's, as the pool had it). It
 * saves the pool a call per link request and is only ever a hint: what it names is mailed, but a link
 * or code signs in only an account whose current verified email is the address (see answerSubject).
 * Sign-in options do not read it (they read the address's passkey owner: see addressOwnerItemKey). Every answer the pool gives is recorded, "nobody" too, so that an address
 * somebody asked about answers as fast as a known one, whether it is known or not.
 */
export const LOOKUP_USER = "lookupUser";
export const LOOKUP_AT = "lookupAt";
export const LOOKUP_AS_STORED = "lookupAsStored";

export interface AddressLookup {
  username: string | undefined;
  /**
   * Whether the pool holds the address exactly in its normalized form, so that mail may go to that
   * form. An account stored in other case is mailed only at the address the pool gives (the part
   * before the @ may be case-sensitive, and a typed variant someone else's mailbox).
   */
  asStored: boolean;
}

/** The item's lookup, if the pool was asked no longer than `maxAgeSeconds` ago. */
export function freshLookup(
  item: Record<string, AttributeValue> | undefined,
  nowSeconds: number,
  maxAgeSeconds: number,
): AddressLookup | undefined {
  const checkedAt = Number(item?.[LOOKUP_AT]?.N ?? Number.NaN);
  // A lookup from the future (a clock moved back) is as untrusted as an old one.
  if (!(checkedAt <= nowSeconds && nowSeconds - checkedAt < maxAgeSeconds)) return undefined;
  return { username: item?.[LOOKUP_USER]?.S || undefined, asStored: item?.[LOOKUP_AS_STORED]?.BOOL === true };
}
