import { createHash, generateKeyPairSync, sign as nodeSign } from "node:crypto";
import { GetPublicKeyCommand, type KMSClient, SignCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { kmsSigner } from "./kms-signer.ts";

/**
 * KMS cannot run locally, so this fake stands in for it: it answers GetPublicKey and Sign the way KMS
 * does for an ECC_NIST_P256 key (SPKI DER public key, DER-encoded ECDSA_SHA_256 signature over the raw
 * message), signing with a real P-256 key.
 */
function fakeKms(keyId: string) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const calls: string[] = [];
  let failNext: Error | undefined;
  const client = {
    async send(command: unknown) {
      const name = (command as object).constructor.name;
      calls.push(name);
      if (failNext) {
        const error = failNext;
        failNext = undefined;
        throw error;
      }
      if (command instanceof GetPublicKeyCommand) {
        expect(command.input.KeyId).toBe(keyId);
        return { KeyId: keyId, PublicKey: new Uint8Array(publicKey.export({ format: "der", type: "spki" })) };
      }
      if (command instanceof SignCommand) {
        expect(command.input).toMatchObject({ KeyId: keyId, MessageType: "RAW", SigningAlgorithm: "ECDSA_SHA_256" });
        const message = command.input.Message as Uint8Array;
        return { KeyId: keyId, Signature: new Uint8Array(nodeSign("sha256", message, privateKey)) };
      }
      throw new Error(`unexpected command ${name}`);
    },
  };
  return {
    client: client as unknown as KMSClient,
    calls,
    privateKey,
    failOnce(error: Error) {
      failNext = error;
    },
  };
}

const keyId = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const data = new TextEncoder().encode("latchkey-magic-link.v1.payload");

describe("kmsSigner", () => {
  it("signs with KMS and verifies locally against the public key", async () => {
    const kms = fakeKms(keyId);
    const signer = kmsSigner(kms.client, keyId);
    expect(signer.keyId).toBe(keyId);
    const signature = await signer.sign(data);
    expect(await signer.verify(data, signature)).toBe(true);
    expect(kms.calls).toEqual(["SignCommand", "GetPublicKeyCommand"]);
  });

  it("fetches the public key once for many verifications", async () => {
    const kms = fakeKms(keyId);
    const signer = kmsSigner(kms.client, keyId);
    const signature = await signer.sign(data);
    await Promise.all([signer.verify(data, signature), signer.verify(data, signature), signer.verify(data, signature)]);
    expect(kms.calls.filter((call) => call === "GetPublicKeyCommand")).toHaveLength(1);
  });

  it("rejects other data, a flipped bit and another key's signature", async () => {
    const kms = fakeKms(keyId);
    const signer = kmsSigner(kms.client, keyId);
    const signature = await signer.sign(data);
    expect(await signer.verify(new TextEncoder().encode("other"), signature)).toBe(false);
    const flipped = new Uint8Array(signature);
    flipped[flipped.length - 1] = (flipped.at(-1) ?? 0) ^ 1;
    expect(await signer.verify(data, flipped)).toBe(false);
    const other = await kmsSigner(fakeKms(keyId).client, keyId).sign(data);
    expect(await signer.verify(data, other)).toBe(false);
  });

  it("does not accept a raw (r||s) signature in place of DER", async () => {
    const kms = fakeKms(keyId);
    const signer = kmsSigner(kms.client, keyId);
    const raw = nodeSign("sha256", data, { key: kms.privateKey, dsaEncoding: "ieee-p1363" });
    expect(await signer.verify(data, raw)).toBe(false);
  });

  it("signs the message itself, not a digest of it", async () => {
    const kms = fakeKms(keyId);
    const signer = kmsSigner(kms.client, keyId);
    const digest = createHash("sha256").update(data).digest();
    expect(await signer.verify(digest, await signer.sign(data))).toBe(false);
  });

  it("fails closed when KMS fails, and retries the public key on the next call", async () => {
    const kms = fakeKms(keyId);
    const signer = kmsSigner(kms.client, keyId);
    const signature = await signer.sign(data);
    kms.failOnce(new Error("KMS unavailable"));
    await expect(signer.verify(data, signature)).rejects.toThrow("KMS unavailable");
    expect(await signer.verify(data, signature)).toBe(true);
    kms.failOnce(new Error("throttled"));
    await expect(signer.sign(data)).rejects.toThrow("throttled");
  });
});
