import type { Passkey } from "@latchkey/protocol";
import type { RegistrationResponseJSON } from "@simplewebauthn/browser";
import { apiFetch } from "../api-fetch.ts";
import { LatchkeyClientError } from "../errors.ts";
import { sendSignal } from "./signals/send-signal.ts";

/**
 * Whether the api refused a new passkey for good, so it stores nothing: any 4xx but CREDENTIAL_EXISTS
 * (that credential is someone's already). A 5xx or a lost answer may have stored it, so says nothing.
 */
function refusedForGood(error: unknown): boolean {
  if (!(error instanceof LatchkeyClientError) || error.status === undefined) return false;
  return error.status >= 400 && error.status < 500 && error.code !== "CREDENTIAL_EXISTS";
}

/**
 * Sends a new passkey to POST /passkeys/registration/verify. The authenticator has made it already: when
 * the api refuses it for good, the password manager is told to forget it (signalUnknownCredential),
 * rather than keep offering a passkey that can never sign in; then the refusal is thrown as it came.
 */
export async function submitRegistration(
  rpId: string,
  response: RegistrationResponseJSON,
  friendlyName?: string,
): Promise<Passkey> {
  try {
    return await apiFetch<Passkey>("/passkeys/registration/verify", {
      auth: true,
      body: { response, ...(friendlyName && { friendlyName }) },
    });
  } catch (error) {
    if (rpId && refusedForGood(error)) await sendSignal("signalUnknownCredential", { rpId, credentialId: response.id });
    throw error;
  }
}
