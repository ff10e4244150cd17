import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testAttestationRoots } from "@latchkey/testkit/passkeys";
import { describe, expect, it } from "vitest";
import { readAttestationRoots } from "./read-attestation-roots.ts";

function rootsFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "latchkey-roots-")), "roots.json");
  writeFileSync(file, content);
  return file;
}

describe("readAttestationRoots", () => {
  it("reads PEM roots per attestation format", () => {
    const [trusted, other] = [testAttestationRoots.trusted(), testAttestationRoots.unrelated()];
    expect(readAttestationRoots(rootsFile(JSON.stringify({ packed: [trusted, other], tpm: [other] })))).toEqual({
      packed: [trusted, other],
      tpm: [other],
    });
  });

  it.each([
    ["a missing file", undefined, /cannot read JSON/],
    ["text that is not JSON", "packed: x", /cannot read JSON/],
    ["a list instead of an object", "[]", /object of attestation formats/],
    ["an unknown format", JSON.stringify({ "none-such": [] }), /unknown attestation format "none-such"/],
    ["a root that is not PEM", JSON.stringify({ packed: ["MIIB..."] }), /"packed" must be a list of PEM/],
    ["a single PEM, not a list", JSON.stringify({ packed: "-----BEGIN CERTIFICATE-----" }), /list of PEM/],
    [
      "PEM armour around something that is no certificate",
      JSON.stringify({ packed: ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"] }),
      /list of PEM/,
    ],
    ["an empty list, which would drop the built-in roots", JSON.stringify({ apple: [] }), /"apple" lists no/],
  ])("stops the start on %s", (_, content, message) => {
    const path = content === undefined ? join(tmpdir(), "no-such-dir", "roots.json") : rootsFile(content);
    expect(() => readAttestationRoots(path)).toThrow(message);
    expect(() => readAttestationRoots(path)).toThrow(expect.objectContaining({ name: "ConfigError" }));
  });
});
