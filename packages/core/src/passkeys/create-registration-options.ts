import type { AuthenticatorTransport } from "@simplewebauthn/server";
import { issueChallenge } from "./issue-challenge.ts";
import { type PasskeyPolicy, supportedAlgorithms } from "./policy.ts";
import { passkeyLimitReached } from "./store/passkey-limit-reached.ts";
import type { CredentialRecord, PublicKeyCredentialCreationOptionsJSON } from "./types.ts";
import { toUserHandle } from "./user-handle.ts";

/**
 * Options for navigator.credentials.create(): the user handle is the Cognito username, the user's
 * existing credentials for this RP ID are excluded so an authenticator is not registered twice. A user
 * who has as many passkeys as the policy allows (on any RP ID) gets PASSKEY_LIMIT_REACHED instead, before
 * an authenticator makes a credential that could not be stored. `conditional` options are for a passkey
 * the browser's password manager makes without a prompt (conditional create): their challenge says so,
 * and they ask for user verification as preferred at most, as such a manager may not collect it (a
 * browser must refuse a conditional create that requires it and cannot).
 */
export function createRegistrationOptions(
  policy: PasskeyPolicy,
  input: {
    username: string;
    /** Shown by the authenticator to pick an account (the email when known); never part of the handle. */
    displayName: string;
    rpId: string;
    /** All of the user's passkeys. */
    existing: Pick<CredentialRecord, "id" | "transports" | "rpId">[];
    nowMs: number;
    conditional?: boolean;
  },
): PublicKeyCredentialCreationOptionsJSON {
  const { residentKey, attestation, hints, authenticatorAttachment } = policy;
  const conditional = input.conditional === true;
  const userVerification =
    conditional && policy.userVerification === "required" ? "preferred" : policy.userVerification;
  if (input.existing.length >= policy.maxPasskeysPerUser) throw passkeyLimitReached(policy.maxPasskeysPerUser);
  return {
    rp: { id: input.rpId, name: policy.relyingPartyName },
    user: { id: toUserHandle(input.username), name: input.displayName, displayName: input.displayName },
    challenge: issueChallenge(policy, {
      purpose: conditional ? "conditional-registration" : "registration",
      username: input.username,
      rpId: input.rpId,
      nowMs: input.nowMs,
    }),
    pubKeyCredParams: supportedAlgorithms.map((alg) => ({ type: "public-key", alg })),
    timeout: policy.challengeTtlSeconds * 1000,
    excludeCredentials: input.existing
      .filter((credential) => credential.rpId === input.rpId)
      .map((credential) => ({
        type: "public-key",
        id: credential.id,
        ...(credential.transports.length > 0 && { transports: credential.transports as AuthenticatorTransport[] }),
      })),
    authenticatorSelection: {
      residentKey,
      requireResidentKey: residentKey === "required",
      userVerification,
      ...(authenticatorAttachment && { authenticatorAttachment }),
    },
    ...(hints.length > 0 && { hints }),
    attestation,
    extensions: { credProps: true },
  };
}
