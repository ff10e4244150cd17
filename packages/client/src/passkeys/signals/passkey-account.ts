import type { PasskeyAccount } from "@latchkey/protocol";
import { apiFetch } from "../../api-fetch.ts";

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** A domain as an RP ID is one: labels of letters, digits and hyphens (IDNs as punycode), lower case. */
const RP_ID = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
/** WebAuthn caps user handles at 64 bytes: 86 base64url characters. */
const MAX_USER_ID = 86;

const isBase64Url = (value: unknown, max = Number.POSITIVE_INFINITY): value is string =>
  typeof value === "string" && value.length <= max && BASE64URL.test(value);

/**
 * The account the api named, if its answer is one, whole: an RP ID, a user handle and names, and a list
 * of credential IDs every one of which is base64url. Anything else (a body cut short, an older api's
 * 404, a field missing) is no account at all: a list that might be partial must never reach
 * signalAllAcceptedCredentials, which would have the password manager hide the passkeys left out.
 */
export function parsePasskeyAccount(value: unknown): PasskeyAccount | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { rpId, userId, name, displayName, credentialIds } = value as Record<string, unknown>;
  if (typeof rpId !== "string" || !RP_ID.test(rpId)) return undefined;
  if (!isBase64Url(userId, MAX_USER_ID)) return undefined;
  if (typeof name !== "string" || typeof displayName !== "string") return undefined;
  if (!Array.isArray(credentialIds) || !credentialIds.every((id) => isBase64Url(id))) return undefined;
  return { rpId, userId, name, displayName, credentialIds: [...credentialIds] };
}

/** GET /passkeys/account for the signed-in user, checked whole; undefined when it failed or is not whole. */
export async function fetchPasskeyAccount(): Promise<PasskeyAccount | undefined> {
  try {
    return parsePasskeyAccount(await apiFetch<unknown>("/passkeys/account", { auth: true }));
  } catch {
    return undefined;
  }
}
