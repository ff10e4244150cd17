import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testConfig } from "@latchkey/testkit/config";
import { startHangingServer } from "@latchkey/testkit/faults";
import { describe, expect, it, vi } from "vitest";
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

  it("gives up on a KMS that never answers after its two bounded attempts", { timeout: 5000 }, async () => {
    const hanging = await startHangingServer();
    vi.stubEnv("AWS_ENDPOINT_URL_KMS", hanging.url);
    vi.stubEnv("AWS_ACCESS_KEY_ID", "test");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test");
    try {
      const signer = createSigner(
        testConfig({
          LATCHKEY_KMS_KEY_ID: "arn:aws:kms:us-east-1:111111111111:key/k",
          LATCHKEY_AWS_REQUEST_TIMEOUT_MS: "300",
        }),
      );
      await expect(signer.sign(new TextEncoder().encode("payload"))).rejects.toMatchObject({ name: "TimeoutError" });
      expect(hanging.connections).toBe(2);
    } finally {
      vi.unstubAllEnvs();
      await hanging.close();
    }
  });
});
