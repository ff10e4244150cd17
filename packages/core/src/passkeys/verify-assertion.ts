import { checkAssertion } from "./check-assertion.ts";
import { openChallenge } from "./open-challenge.ts";
import { readClientData } from "./parse-response.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { AuthenticationResponseJSON, CredentialRecord } from "./types.ts";
import { fromUserHandle } from "./user-handle.ts";

export type VerifiedAssertion =
  | {
      ok: true;
      counter: number;
      backedUp: boolean;
      /** See CheckedAssertion. */
      publicKeySpki?: Uint8Array;
      challenge: { bytes: Uint8Array; expiresAt: number };
    }
  | { ok: false; reason: string };

const fail = (reason: string): VerifiedAssertion => ({ ok: false, reason });

/**
 * Verifies a sign-in assertion against a stored credential: ours first (user, user handle, the signed
 * challenge opened and its RP ID), then the WebAuthn checks (checkAssertion) with that challenge as the
 * expected one, which the tests hold to @simplewebauthn/server's verifyAuthenticationResponse, case by
 * case. Nothing is written here: single use of the challenge and the counter are the caller's (one
 * conditional write for both).
 */
export async function verifyAssertion(
  policy: PasskeyPolicy,
  input: { response: AuthenticationResponseJSON; credential: CredentialRecord; username: string; nowMs: number },
): Promise<VerifiedAssertion> {
  const { response, credential, username } = input;
  if (credential.username !== username) return fail("credential belongs to another user");
  const { userHandle } = response.response;
  if (userHandle !== undefined && fromUserHandle(userHandle) !== credential.username) {
    return fail("user handle names another user");
  }
  const clientData = readClientData(response.response.clientDataJSON);
  if (!clientData) return fail("client data unreadable");
  const opened = openChallenge(policy, clientData.challenge, {
    purpose: "authentication",
    username,
    nowMs: input.nowMs,
  });
  if (!opened.ok) return fail(opened.reason);
  if (opened.claims.rpId !== "" && opened.claims.rpId !== credential.rpId) return fail("challenge for another RP ID");
  if (!policy.relyingPartyIds.includes(credential.rpId)) return fail("credential's RP ID no longer configured");

  const expected = { challenge: clientData.challenge as string, rpId: credential.rpId };
  const checked = await checkAssertion(policy, expected, { response, credential });
  if (!checked.ok) return checked;
  return { ...checked, challenge: { bytes: opened.bytes, expiresAt: opened.claims.expiresAt } };
}
