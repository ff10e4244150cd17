import { LatchkeyError } from "../errors.ts";
import { checkRegistration } from "./check-registration.ts";
import { openChallenge } from "./open-challenge.ts";
import { readClientData } from "./parse-response.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { CredentialRecord, RegistrationResponseJSON } from "./types.ts";

export interface VerifiedRegistration {
  credential: Omit<CredentialRecord, "friendlyName" | "createdAt" | "lastUsedAt">;
  /** To be consumed (single use) before the credential is stored. */
  challenge: { bytes: Uint8Array; expiresAt: number };
  attestationFormat: string;
}

const failed = (reason: string) => new LatchkeyError("VERIFICATION_FAILED", `Passkey registration failed: ${reason}.`);

/**
 * Verifies a registration response for the signed-in user: a challenge we issued to this user for
 * registration and not expired, then the WebAuthn checks (checkRegistration) with that challenge as the
 * expected one and the RP ID the options named (any configured one when they named none). A challenge
 * issued for a conditional registration waives user presence and user verification, which a password
 * manager making the passkey without a prompt does not collect: the recent sign-in the route asks for is
 * the proof, and every sign-in with the passkey verifies the user as the policy says.
 */
export async function verifyRegistration(
  policy: PasskeyPolicy,
  input: { response: RegistrationResponseJSON; username: string; nowMs: number },
): Promise<VerifiedRegistration> {
  const { response, username } = input;
  const clientData = readClientData(response.response.clientDataJSON);
  if (!clientData) throw failed("client data unreadable");
  if (clientData.type !== "webauthn.create") throw failed("not a registration");
  const opened = openChallenge(policy, clientData.challenge, {
    purpose: ["registration", "conditional-registration"],
    username,
    nowMs: input.nowMs,
  });
  if (!opened.ok) throw new LatchkeyError("CHALLENGE_INVALID", `Passkey registration failed: ${opened.reason}.`);
  const rpIds = opened.claims.rpId ? [opened.claims.rpId] : policy.relyingPartyIds;
  const prompted = opened.claims.purpose === "registration";
  const checked = await checkRegistration(
    policy,
    { challenge: clientData.challenge as string, rpIds, prompted },
    response,
  );
  return {
    ...checked,
    credential: { ...checked.credential, username },
    challenge: { bytes: opened.bytes, expiresAt: opened.claims.expiresAt },
  };
}
