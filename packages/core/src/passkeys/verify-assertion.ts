import { createHash, verify } from "node:crypto";
import { fromBase64Url } from "./base64url.ts";
import { credentialKey } from "./credential-key.ts";
import { loadSimpleWebAuthnHelpers } from "./load-simplewebauthn.ts";
import { openChallenge } from "./open-challenge.ts";
import { readClientData } from "./parse-response.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { AuthenticationResponseJSON, CredentialRecord } from "./types.ts";
import { fromUserHandle } from "./user-handle.ts";

export type VerifiedAssertion =
  | { ok: true; counter: number; backedUp: boolean; challenge: { bytes: Uint8Array; expiresAt: number } }
  | { ok: false; reason: string };

const fail = (reason: string): VerifiedAssertion => ({ ok: false, reason });
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const TOKEN_BINDING = ["present", "supported", "notSupported"];

/**
 * Verifies a sign-in assertion against a stored credential, as a flat run of checks, cheapest first:
 * the checks of @simplewebauthn/server's verifyAuthenticationResponse (whose parsers it uses, and which
 * the tests hold it to, case by case) plus ours (user, user handle, signed challenge, backup eligibility).
 * Hashes and the signature go through node:crypto with the imported key kept: several times the
 * throughput of the WebCrypto path (see bench/passkey-verify.ts). Nothing is written here: single use of
 * the challenge and the counter are the caller's (one conditional write each).
 */
export async function verifyAssertion(
  policy: PasskeyPolicy,
  input: { response: AuthenticationResponseJSON; credential: CredentialRecord; username: string; nowMs: number },
): Promise<VerifiedAssertion> {
  const { response, credential, username } = input;
  if (response.id !== credential.id || response.rawId !== credential.id) return fail("credential ID mismatch");
  if (response.type !== "public-key") return fail("not a public-key credential");
  if (credential.username !== username) return fail("credential belongs to another user");
  const { userHandle } = response.response;
  if (userHandle !== undefined && fromUserHandle(userHandle) !== credential.username) {
    return fail("user handle names another user");
  }
  const clientData = readClientData(response.response.clientDataJSON);
  if (!clientData) return fail("client data unreadable");
  if (clientData.type !== "webauthn.get") return fail("not an authentication");
  if (typeof clientData.origin !== "string" || !policy.allowedOrigins.includes(clientData.origin)) {
    return fail("origin not allowed");
  }
  if (clientData.crossOrigin === true || clientData.topOrigin !== undefined) return fail("cross-origin request");
  const binding = clientData.tokenBinding as { status?: unknown } | undefined;
  if (binding !== undefined && !TOKEN_BINDING.includes(binding?.status as string)) return fail("bad token binding");
  const opened = openChallenge(policy, clientData.challenge, {
    purpose: "authentication",
    username,
    nowMs: input.nowMs,
  });
  if (!opened.ok) return fail(opened.reason);
  if (opened.claims.rpId !== "" && opened.claims.rpId !== credential.rpId) return fail("challenge for another RP ID");
  if (!policy.relyingPartyIds.includes(credential.rpId)) return fail("credential's RP ID no longer configured");

  const { parseAuthenticatorData } = await loadSimpleWebAuthnHelpers();
  const authData = fromBase64Url(response.response.authenticatorData);
  let parsed: ReturnType<typeof parseAuthenticatorData>;
  try {
    parsed = parseAuthenticatorData(new Uint8Array(authData));
  } catch {
    return fail("authenticator data malformed");
  }
  const { flags, counter } = parsed;
  if (!sha256(credential.rpId).equals(parsed.rpIdHash)) return fail("RP ID hash mismatch");
  if (!flags.up) return fail("user not present");
  if (policy.userVerification === "required" && !flags.uv) return fail("user verification required");
  if (flags.bs && !flags.be) return fail("backed up but not backup eligible");
  if (flags.be !== credential.backupEligible) return fail("backup eligibility changed");
  if ((counter > 0 || credential.counter > 0) && counter <= credential.counter) return fail("counter did not grow");

  const key = await credentialKey(credential.publicKey);
  if (!key) return fail("unsupported credential key");
  const signed = Buffer.concat([authData, sha256(fromBase64Url(response.response.clientDataJSON))]);
  if (!verifySignature(key.algorithm, key.key, signed, fromBase64Url(response.response.signature))) {
    return fail("signature invalid");
  }
  return {
    ok: true,
    counter,
    backedUp: flags.bs,
    challenge: { bytes: opened.bytes, expiresAt: opened.claims.expiresAt },
  };
}

function verifySignature(algorithm: number, key: Parameters<typeof verify>[2], data: Buffer, signature: Uint8Array) {
  try {
    // ES256 signatures are DER (node's default encoding); EdDSA hashes internally.
    return verify(algorithm === -8 ? null : "sha256", data, key, signature);
  } catch {
    return false;
  }
}
