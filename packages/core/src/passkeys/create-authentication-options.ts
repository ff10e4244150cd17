import type { AuthenticatorTransport } from "@simplewebauthn/server";
import { decoyCredentials } from "./decoy-credentials.ts";
import { issueChallenge } from "./issue-challenge.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { CredentialRecord, PublicKeyCredentialRequestOptionsJSON } from "./types.ts";

/**
 * Options for navigator.credentials.get(). Without a username the sign-in is usernameless: no
 * allowCredentials, and the authenticator offers its discoverable credentials. With a username, the
 * user's credentials for this RP ID, or decoys when there are none.
 */
export function createAuthenticationOptions(
  policy: PasskeyPolicy,
  input: {
    /** The Cognito username, or "" for usernameless. */
    username: string;
    rpId: string;
    credentials: Pick<CredentialRecord, "id" | "transports" | "rpId">[];
    nowMs: number;
  },
): PublicKeyCredentialRequestOptionsJSON {
  const { username, rpId } = input;
  const challenge = issueChallenge(policy, { purpose: "authentication", username, rpId, nowMs: input.nowMs });
  const own = input.credentials.filter((credential) => credential.rpId === rpId);
  const allowed = username === "" ? [] : own.length > 0 ? own : decoyCredentials(policy, username);
  return {
    rpId,
    challenge,
    timeout: policy.challengeTtlSeconds * 1000,
    userVerification: policy.userVerification,
    ...(policy.hints.length > 0 && { hints: policy.hints }),
    allowCredentials: allowed.map((credential) => ({
      type: "public-key",
      id: credential.id,
      ...(credential.transports.length > 0 && { transports: credential.transports as AuthenticatorTransport[] }),
    })),
  };
}
