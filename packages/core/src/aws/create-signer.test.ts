import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testConfig } from "@latchkey/testkit/config";
import { describe, expect, it } from "vitest";
import { createSigner } from "./create-signer.ts";

const pem = () => generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();

function keyFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "latchkey-key-")), "signing-key.pem");
  writeFileSync(file, content);
  return file;
}

describe("createSigner", () => {
  it("signs with the Ed25519 key from a file as with the same key inline", async () => {
    const key = pem();
    const fromFile = createSigner(testConfig({ LATCHKEY_SIGNING_KEY_FILE: keyFile(key) }));
    const inline = createSigner(testConfig({ LATCHKEY_SIGNING_KEY_PEM: key }));
    expect(fromFile.keyId).toBe(inline.keyId);
    const data = new TextEncoder().encode("payload");
    const signature = await fromFile.sign(data);
    expect(await inline.verify(data, signature)).toBe(true);
    expect(await inline.verify(new TextEncoder().encode("tampered"), signature)).toBe(false);
  });

  it("refuses a key file that holds no Ed25519 key", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "pem", type: "pkcs8" });
    expect(() => createSigner(testConfig({ LATCHKEY_SIGNING_KEY_FILE: keyFile(rsa.toString()) }))).toThrow(/Ed25519/);
    expect(() => createSigner(testConfig({ LATCHKEY_SIGNING_KEY_FILE: join(tmpdir(), "no-such-key.pem") }))).toThrow(
      expect.objectContaining({ name: "ConfigError", message: expect.stringContaining("cannot read") }),
    );
  });

  it("refuses to guess between keys, and needs one", () => {
    const key = pem();
    const kms = "arn:aws:kms:eu-west-1:111111111111:key/k";
    for (const both of <Record<string, string>[]>[
      { LATCHKEY_SIGNING_KEY_PEM: key, LATCHKEY_SIGNING_KEY_FILE: keyFile(key) },
      { LATCHKEY_KMS_KEY_ID: kms, LATCHKEY_SIGNING_KEY_PEM: key },
      { LATCHKEY_KMS_KEY_ID: kms, LATCHKEY_SIGNING_KEY_FILE: keyFile(key) },
    ]) {
      expect(() => testConfig(both)).toThrow(/must not be a guess/);
    }
    expect(() => createSigner(testConfig())).toThrow(/LATCHKEY_SIGNING_KEY_FILE/);
  });
});
