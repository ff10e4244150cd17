import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import type { Signer } from "../ports.ts";

/** Ed25519 signatures with a key pair held in memory: the local default. */
export function ed25519Signer(privateKeyPem: string): Signer {
  const privateKey: KeyObject = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the signing key must be an Ed25519 key");
  const publicKey = createPublicKey(privateKey);
  const keyId = `ed25519:${publicKey.export({ format: "jwk" }).x}`;
  return {
    keyId,
    async sign(data) {
      return sign(null, data, privateKey);
    },
    async verify(data, signature) {
      return verify(null, data, publicKey, signature);
    },
  };
}
