import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { GetPublicKeyCommand, type KMSClient, SignCommand } from "@aws-sdk/client-kms";
import type { Signer } from "../ports.ts";

/**
 * An AWS KMS asymmetric key (ECC_NIST_P256, ECDSA_SHA_256). Signing calls KMS; verifying uses the
 * public key, fetched once and cached, so a redemption costs no KMS call after the first.
 */
export function kmsSigner(client: KMSClient, keyId: string): Signer {
  let publicKey: Promise<KeyObject> | undefined;
  const loadPublicKey = async () => {
    const { PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
    if (!PublicKey) throw new Error("KMS returned no public key");
    return createPublicKey({ key: Buffer.from(PublicKey), format: "der", type: "spki" });
  };
  return {
    keyId,
    async sign(data) {
      const { Signature } = await client.send(
        new SignCommand({ KeyId: keyId, Message: data, MessageType: "RAW", SigningAlgorithm: "ECDSA_SHA_256" }),
      );
      if (!Signature) throw new Error("KMS returned no signature");
      return Signature;
    },
    async verify(data, signature) {
      publicKey ??= loadPublicKey().catch((error) => {
        publicKey = undefined; // a failed fetch is retried on the next call, never cached
        throw error;
      });
      // KMS ECDSA signatures are DER-encoded, node's default for EC keys.
      return verify("sha256", data, await publicKey, signature);
    },
  };
}
