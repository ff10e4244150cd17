import { createHash, verify } from "node:crypto";
import { fromBase64Url } from "./base64url.ts";
import { credentialKey } from "./credential-key.ts";
import { originMayUseRpId } from "./origin-may-use-rp-id.ts";
import { readClientData } from "./parse-response.ts";
import type { PasskeyPolicy } from "./policy.ts";
import { readAuthenticatorData } from "./read-authenticator-data.ts";
import type { AuthenticationResponseJSON, CredentialRecord } from "./types.ts";

/** What this ceremony must match: the challenge the request options carried and the credential's RP ID. */
export interface AssertionExpectation {
  /** base64url, exactly as the client data echoes it. */
  challenge: string;
  rpId: string;
}

/**
 * A passing check carries, for a credential stored before its SPKI key was kept, that key (from the
 * COSE key it just decoded), so the sign-in's write can store it and the next sign-in decodes nothing.
 */
export type CheckedAssertion =
  | { ok: true; counter: number; backedUp: boolean; publicKeySpki?: Uint8Array }
  | { ok: false; reason: string };

const fail = (reason: string): CheckedAssertion => ({ ok: false, reason });
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const TOKEN_BINDING = ["present", "supported", "notSupported"];

/**
 * The WebAuthn checks of an assertion for a stored credential, as a flat run of early exits: those of
 * @simplewebauthn/server's verifyAuthenticationResponse plus backup eligibility unchanged, against an
 * expected challenge and RP ID, with the policy's origins and user verification. Whose challenge it is,
 * and whose credential, are the caller's (verifyAssertion). Parsing is ours and the hashes and the
 * signature go through node:crypto with the imported key kept, so a sign-in loads none of
 * @simplewebauthn/server (see bench/passkey-verify-first-use.ts) and verifies at several times the
 * WebCrypto path's throughput (bench/passkey-verify.ts). Nothing is written here.
 */
export async function checkAssertion(
  policy: PasskeyPolicy,
  expected: AssertionExpectation,
  input: { response: AuthenticationResponseJSON; credential: CredentialRecord },
): Promise<CheckedAssertion> {
  const { response, credential } = input;
  if (response.id !== credential.id || response.rawId !== credential.id) return fail("credential ID mismatch");
  if (response.type !== "public-key") return fail("not a public-key credential");
  const clientData = readClientData(response.response.clientDataJSON);
  if (!clientData) return fail("client data unreadable");
  if (clientData.type !== "webauthn.get") return fail("not an authentication");
  if (typeof clientData.origin !== "string" || !policy.allowedOrigins.includes(clientData.origin)) {
    return fail("origin not allowed");
  }
  if (clientData.crossOrigin === true || clientData.topOrigin !== undefined) return fail("cross-origin request");
  const binding = clientData.tokenBinding as { status?: unknown } | undefined;
  if (binding !== undefined && !TOKEN_BINDING.includes(binding?.status as string)) return fail("bad token binding");
  if (clientData.challenge !== expected.challenge) return fail("challenge mismatch");

  const authData = fromBase64Url(response.response.authenticatorData);
  const parsed = readAuthenticatorData(authData);
  if (!parsed) return fail("authenticator data malformed");
  const { flags, counter } = parsed;
  if (!sha256(expected.rpId).equals(parsed.rpIdHash)) return fail("RP ID hash mismatch");
  if (!originMayUseRpId(policy, clientData.origin, expected.rpId)) return fail("origin not of the RP ID");
  if (!flags.up) return fail("user not present");
  if (policy.userVerification === "required" && !flags.uv) return fail("user verification required");
  if (flags.bs && !flags.be) return fail("backed up but not backup eligible");
  if (flags.be !== credential.backupEligible) return fail("backup eligibility changed");
  if ((counter > 0 || credential.counter > 0) && counter <= credential.counter) return fail("counter did not grow");

  const key = await credentialKey(credential);
  if (!key) return fail("unsupported credential key");
  const signed = Buffer.concat([authData, sha256(fromBase64Url(response.response.clientDataJSON))]);
  if (!verifySignature(key.algorithm, key.key, signed, fromBase64Url(response.response.signature))) {
    return fail("signature invalid");
  }
  const spki = credential.publicKeySpki ? undefined : key.key.export({ format: "der", type: "spki" });
  return { ok: true, counter, backedUp: flags.bs, ...(spki && { publicKeySpki: new Uint8Array(spki) }) };
}

function verifySignature(algorithm: number, key: Parameters<typeof verify>[2], data: Buffer, signature: Uint8Array) {
  try {
    // ES256 signatures are DER (node's default encoding); EdDSA hashes internally.
    return verify(algorithm === -8 ? null : "sha256", data, key, signature);
  } catch {
    return false;
  }
}
