import { readFileSync } from "node:fs";
import { ConfigError, type LatchkeyConfig } from "../config.ts";
import { onFirstCall } from "../on-first-call.ts";
import type { Signer } from "../ports.ts";
import { ed25519Signer } from "../signing/ed25519-signer.ts";
import { countDependencyCalls } from "./count-dependency-calls.ts";
import { sdkClientConfig } from "./sdk-client-config.ts";

/**
 * The magic-link signer the config asks for: a KMS key in AWS, an Ed25519 PEM key (inline or in a file)
 * elsewhere. The KMS client (and its SDK module) is built on the first sign or verify: most cold
 * starts (Define, Create, sign-in options) never use it.
 */
export function createSigner(config: LatchkeyConfig): Signer {
  const { kmsKeyId, signingKeyPem, signingKeyFile } = config.magicLinks;
  if (kmsKeyId) return { keyId: kmsKeyId, ...onFirstCall(() => kmsKeySigner(config, kmsKeyId), ["sign", "verify"]) };
  if (signingKeyPem) return ed25519Signer(signingKeyPem);
  if (signingKeyFile) return ed25519Signer(readKeyFile(signingKeyFile));
  throw new Error("set LATCHKEY_KMS_KEY_ID, LATCHKEY_SIGNING_KEY_PEM or LATCHKEY_SIGNING_KEY_FILE");
}

async function kmsKeySigner(config: LatchkeyConfig, keyId: string): Promise<Signer> {
  const [{ KMSClient }, { kmsSigner }] = await Promise.all([
    import("@aws-sdk/client-kms"),
    import("../signing/kms-signer.ts"),
  ]);
  return kmsSigner(countDependencyCalls(new KMSClient(sdkClientConfig(config)), "KMS"), keyId);
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    throw new ConfigError(`LATCHKEY_SIGNING_KEY_FILE: cannot read ${path}`, { cause });
  }
}
