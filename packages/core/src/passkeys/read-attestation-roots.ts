import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConfigError } from "../config.ts";
import type { AttestationFormat } from "./policy.ts";

const FORMATS: readonly AttestationFormat[] = [
  "packed",
  "fido-u2f",
  "tpm",
  "android-key",
  "android-safetynet",
  "apple",
];

function isCertificate(pem: unknown): boolean {
  if (typeof pem !== "string" || !pem.startsWith("-----BEGIN CERTIFICATE-----")) return false;
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/**
 * The trust anchors for "direct" attestation, from a JSON file `{"<format>": ["<PEM>", ...]}` (formats:
 * packed, fido-u2f, tpm, android-key, android-safetynet, apple). Read once at start; anything malformed
 * (a certificate that does not parse, an empty list) stops the start, since a wrong root silently
 * refusing (or admitting) authenticators is worse.
 */
export function readAttestationRoots(path: string): Partial<Record<AttestationFormat, string[]>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new ConfigError(`LATCHKEY_ATTESTATION_ROOTS_FILE: cannot read JSON from ${path}`, { cause });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError("LATCHKEY_ATTESTATION_ROOTS_FILE must hold an object of attestation formats");
  }
  const roots: Partial<Record<AttestationFormat, string[]>> = {};
  for (const [format, certificates] of Object.entries(parsed)) {
    if (!FORMATS.includes(format as AttestationFormat)) {
      throw new ConfigError(`LATCHKEY_ATTESTATION_ROOTS_FILE: unknown attestation format "${format}"`);
    }
    if (!Array.isArray(certificates) || !certificates.every(isCertificate)) {
      throw new ConfigError(`LATCHKEY_ATTESTATION_ROOTS_FILE: "${format}" must be a list of PEM certificates`);
    }
    // An empty list would replace the roots @simplewebauthn/server ships (Apple's, Google's) with none.
    if (certificates.length === 0) {
      throw new ConfigError(`LATCHKEY_ATTESTATION_ROOTS_FILE: "${format}" lists no certificate; leave it out instead`);
    }
    roots[format as AttestationFormat] = certificates;
  }
  return roots;
}
