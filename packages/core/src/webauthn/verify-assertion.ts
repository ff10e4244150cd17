import { openChallenge } from "./open-challenge.ts";
import { readClientData } from "./parse-response.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { AuthenticationResponseJSON, CredentialRecord } from "./types.ts";
import { fromUserHandle } from "./user-handle.ts";

export type VerifiedAssertion =
  | { ok: true; counter: number; backedUp: boolean; challenge: { bytes: Uint8Array; expiresAt: number } }
  | { ok: false; reason: string };

const fail = (reason: string): VerifiedAssertion => ({ ok: false, reason });

/**
 * Verifies a sign-in assertion against a stored credential, as a flat run of checks, cheapest first.
 * Nothing is written: single use of the challenge and the counter are the caller's (one conditional
 * write each). @simplewebauthn/server is loaded on first use.
 */
export async function verifyAssertion(
  policy: PasskeyPolicy,
  input: { response: AuthenticationResponseJSON; credential: CredentialRecord; username: string; nowMs: number },
): Promise<VerifiedAssertion> {
  const { response, credential, username } = input;
  if (response.id !== credential.id) return fail("credential ID mismatch");
  if (credential.owner !== username) return fail("credential belongs to another user");
  const { userHandle } = response.response;
  if (userHandle !== undefined && fromUserHandle(userHandle) !== credential.owner) {
    return fail("user handle is not the credential's owner");
  }
  const clientData = readClientData(response.response.clientDataJSON);
  if (!clientData) return fail("client data unreadable");
  if (clientData.type !== "webauthn.get") return fail("not an authentication");
  const opened = openChallenge(policy, clientData.challenge, {
    purpose: "authentication",
    username,
    nowMs: input.nowMs,
  });
  if (!opened.ok) return fail(opened.reason);
  if (opened.claims.rpId !== "" && opened.claims.rpId !== credential.rpId) return fail("challenge for another RP ID");
  if (!policy.relyingPartyIds.includes(credential.rpId)) return fail("credential's RP ID no longer configured");
  const { verifyAuthenticationResponse } = await import("@simplewebauthn/server");
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: clientData.challenge as string,
      expectedOrigin: policy.allowedOrigins,
      expectedRPID: credential.rpId,
      credential: { id: credential.id, publicKey: new Uint8Array(credential.publicKey), counter: credential.counter },
      requireUserVerification: policy.userVerification === "required",
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : "response rejected");
  }
  if (!result.verified) return fail("signature invalid");
  const info = result.authenticationInfo;
  const backupEligible = info.credentialDeviceType === "multiDevice";
  if (backupEligible !== credential.backupEligible) return fail("backup eligibility changed");
  return {
    ok: true,
    counter: info.newCounter,
    backedUp: info.credentialBackedUp,
    challenge: { bytes: opened.bytes, expiresAt: opened.claims.expiresAt },
  };
}
