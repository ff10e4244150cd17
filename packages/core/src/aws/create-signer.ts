import { KMSClient } from "@aws-sdk/client-kms";
import type { LatchkeyConfig } from "../config.ts";
import type { Signer } from "../ports.ts";
import { ed25519Signer } from "../signing/ed25519-signer.ts";
import { kmsSigner } from "../signing/kms-signer.ts";

/** The magic-link signer the config asks for: a KMS key in AWS, an Ed25519 PEM key locally. */
export function createSigner(config: LatchkeyConfig): Signer {
  const { kmsKeyId, signingKeyPem } = config.magicLinks;
  if (kmsKeyId) return kmsSigner(new KMSClient({ region: config.region, maxAttempts: 2 }), kmsKeyId);
  if (signingKeyPem) return ed25519Signer(signingKeyPem);
  throw new Error("set LATCHKEY_KMS_KEY_ID or LATCHKEY_SIGNING_KEY_PEM");
}
