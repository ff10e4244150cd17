import type { AuthenticationOptions } from "@latchkey/protocol";
import { apiFetch } from "../../api-fetch.ts";
import { canSignal, type SignalOptions, sendSignal } from "./send-signal.ts";

/**
 * The signalUnknownCredential arguments when sign-in options for the account leave the credential out,
 * else undefined. Those options list every passkey the account has for the RP ID (or, for an account
 * with none or no account, decoys that no authenticator holds), so a credential not among them is one the
 * api does not accept there. Options that list nothing, or not as base64url IDs, prove nothing.
 */
export function unknownCredentialSignal(
  options: unknown,
  credentialId: string,
): SignalOptions["signalUnknownCredential"] | undefined {
  const { rpId, allowCredentials } = (options ?? {}) as Partial<AuthenticationOptions>;
  if (typeof rpId !== "string" || rpId === "" || !/^[A-Za-z0-9_-]+$/.test(credentialId)) return undefined;
  if (!Array.isArray(allowCredentials) || allowCredentials.length === 0) return undefined;
  if (!allowCredentials.every((credential) => typeof credential?.id === "string")) return undefined;
  if (allowCredentials.some((credential) => credential.id === credentialId)) return undefined;
  return { rpId, credentialId };
}

/**
 * After Cognito refused a passkey sign-in: asks the api's public sign-in options for the account the
 * passkey named and, if they leave the passkey out (it was deleted, or its account is gone), has the
 * password manager forget it (signalUnknownCredential), so it is not offered again. Cognito's refusal
 * does not say why, and the api never says more about an account than those options already do: no
 * refusal of its own tells an unknown passkey from a wrong signature. One request, only where the
 * browser has the method; never rejects.
 */
export async function signalIfUnknown(input: { username: string; credentialId: string }): Promise<void> {
  if (!canSignal("signalUnknownCredential")) return;
  const options = await apiFetch<unknown>("/passkeys/authentication/options", {
    body: { username: input.username },
  }).catch(() => undefined);
  const signal = unknownCredentialSignal(options, input.credentialId);
  if (signal) await sendSignal("signalUnknownCredential", signal);
}
