import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { registeredCredential } from "@latchkey/testkit/passkeys";
import { build, type Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueChallenge } from "./issue-challenge.ts";
import { passkeyPolicy } from "./policy.ts";
import type { CredentialRecord } from "./types.ts";

const USER = "10ad5000-0000-4000-8000-000000000001";
const policy = passkeyPolicy(testConfig());
const out = mkdtempSync(join(tmpdir(), "latchkey-verify-loads-"));
let meta: Metafile;

/** verify-assertion bundled as the triggers are (code splitting: each `import()` its own chunk). */
beforeAll(async () => {
  const result = await build({
    entryPoints: { index: new URL("./verify-assertion.ts", import.meta.url).pathname },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    outdir: out,
    outExtension: { ".js": ".mjs" },
    metafile: true,
    logLevel: "silent",
  });
  meta = result.metafile;
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * A fresh Node process that imports the bundle and verifies two sign-ins, noting the files each loads
 * (module hooks see every load); returns the bundle's inputs in those files.
 */
function inputsLoaded(credential: CredentialRecord): { verdicts: boolean[]; inputs: string[] } {
  const softKeyResponses = responses.get(credential.id) ?? [];
  const child = `
    import { registerHooks } from "node:module";
    const loaded = [];
    registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
    const input = JSON.parse(process.env.INPUT);
    const policy = { ...input.policy, challengeKey: Buffer.from(input.challengeKey, "base64") };
    const bytes = (value) => (value === undefined ? undefined : Buffer.from(value, "base64"));
    const credential = { ...input.credential, publicKey: bytes(input.publicKey), publicKeySpki: bytes(input.publicKeySpki) };
    const { verifyAssertion } = await import(${JSON.stringify(join(out, "index.mjs"))});
    const verdicts = [];
    for (const response of input.responses) {
      verdicts.push((await verifyAssertion(policy, { response, credential, username: input.username, nowMs: Date.now() })).ok);
    }
    console.log(JSON.stringify({ verdicts, loaded }));
  `;
  const b64 = (value: Uint8Array | undefined) => (value ? Buffer.from(value).toString("base64") : undefined);
  const input = {
    policy: { ...policy, challengeKey: undefined },
    challengeKey: b64(policy.challengeKey),
    credential: { ...credential, publicKey: undefined, publicKeySpki: undefined },
    publicKey: b64(credential.publicKey),
    publicKeySpki: b64(credential.publicKeySpki),
    username: USER,
    responses: softKeyResponses,
  };
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", child], {
    env: { PATH: process.env.PATH, NODE_NO_WARNINGS: "1", INPUT: JSON.stringify(input) },
    encoding: "utf8",
  });
  const { verdicts, loaded } = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as {
    verdicts: boolean[];
    loaded: string[];
  };
  const files = new Set(loaded.filter((url) => url.startsWith("file:")).map((url) => new URL(url).pathname));
  const inputs = Object.entries(meta.outputs)
    .filter(([path]) => files.has(resolve(path)))
    .flatMap(([, chunk]) => Object.keys(chunk.inputs));
  return { verdicts, inputs };
}

const responses = new Map<string, unknown[]>();
async function enrolled(): Promise<CredentialRecord> {
  const { softKey, record } = await registeredCredential(policy, USER, { algorithm: "ES256" });
  const answer = () => {
    const challenge = issueChallenge(policy, {
      purpose: "authentication",
      username: "",
      rpId: TEST_RP_ID,
      nowMs: Date.now(),
    });
    return softKey.authenticate({ challenge, rpId: TEST_RP_ID }, { origin: TEST_ORIGIN });
  };
  responses.set(record.id, [answer(), answer()]);
  return record;
}

const webauthn = (input: string) => input.includes("@simplewebauthn");

describe("verifying a sign-in in a fresh process", () => {
  it("loads nothing of @simplewebauthn/server for a credential as stored now", { timeout: 60_000 }, async () => {
    const { verdicts, inputs } = inputsLoaded(await enrolled());
    expect(verdicts).toEqual([true, true]);
    expect(inputs.some((input) => input.endsWith("verify-assertion.ts"))).toBe(true);
    expect(inputs.filter(webauthn)).toEqual([]);
  });

  it("loads its helpers, to decode the COSE key, for a credential stored before", { timeout: 60_000 }, async () => {
    const { publicKeySpki: _, ...legacy } = await enrolled();
    const { verdicts, inputs } = inputsLoaded(legacy);
    expect(verdicts).toEqual([true, true]);
    expect(inputs.filter(webauthn).length).toBeGreaterThan(0);
  });
});
