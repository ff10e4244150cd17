import type { AttributeValue } from "@aws-sdk/client-dynamodb";

/**
 * An address's lookup, kept on its link item (see linkItemKey): the Cognito username that held the
 * address when the pool was last asked, and when that was. It saves the pool a call per sign-in and
 * is only ever a hint: what it names is mailed, or shown passkeys, but a link or code signs in only
 * an account whose current verified email is the address (see redeemMagicLink, redeemEmailCode).
 */
export const LOOKUP_USER = "lookupUser";
export const LOOKUP_AT = "lookupAt";

/** The username an item's lookup names, if the pool was asked no longer than `maxAgeSeconds` ago. */
export function freshLookup(
  item: Record<string, AttributeValue> | undefined,
  nowSeconds: number,
  maxAgeSeconds: number,
): string | undefined {
  const username = item?.[LOOKUP_USER]?.S;
  const checkedAt = Number(item?.[LOOKUP_AT]?.N ?? Number.NaN);
  // A lookup from the future (a clock moved back) is as untrusted as an old one.
  if (!username || !(checkedAt <= nowSeconds && nowSeconds - checkedAt < maxAgeSeconds)) return undefined;
  return username;
}
