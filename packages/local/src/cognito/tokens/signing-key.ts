import { generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { newUuid } from "../random.ts";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public half as served in jwks.json. */
  jwk: { kid: string; alg: "RS256"; kty: string; use: "sig"; n: string; e: string };
}

const generateRsa = promisify(generateKeyPair);

/** A fresh RSA-2048 key per emulator: tokens never outlive the process that can verify them. */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateRsa("rsa", { modulusLength: 2048 });
  const { kty, n, e } = publicKey.export({ format: "jwk" });
  if (kty === undefined || n === undefined || e === undefined) throw new Error("RSA key export failed");
  const kid = newUuid();
  return { kid, privateKey, publicKey, jwk: { kid, alg: "RS256", kty, use: "sig", n, e } };
}
