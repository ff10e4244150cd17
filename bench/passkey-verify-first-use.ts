/**
 * First use of the passkey verifier in a fresh process, as a new Lambda container pays it: import of
 * verify-assertion bundled as the triggers are (esbuild, lazily loaded chunks apart), then its first
 * verification of an ES256 assertion, then a second one (warm). Each run is a fresh Node process with
 * the deployed NODE_OPTIONS; figures are medians over RUNS processes, the credential shapes alternating:
 *   stored: a credential as registration stores it now
 *   legacy: the same credential without the stored SPKI key (as stored before it was kept), so its COSE
 *           key is decoded on first use
 * node:crypto's own first load (nodeCryptoMs, which the trigger's handler pays before any answer) is
 * timed apart, before the import. No DynamoDB here: bench/trigger-cold-import.ts has the whole Verify.
 *   firstUseMs: importMs + firstVerifyMs, the figure the verifier's own code decides
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type CredentialRecord, issueChallenge, passkeyPolicy } from "@latchkey/core/passkeys";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { registeredCredential } from "@latchkey/testkit/passkeys";
import { bundleLambda } from "../packages/cdk/src/bundle-lambda.ts";

const RUNS = 15;
const USER = "f1257000-0000-4000-8000-000000000001";
const work = mkdtempSync(join(tmpdir(), "latchkey-verify-first-use-"));
const entry = createRequire(import.meta.url)
  .resolve("@latchkey/core/passkeys")
  .replace(/index\.ts$/, "verify-assertion.ts");
bundleLambda({ entry, outdir: work });
const round = (value: number) => Math.round(value * 10) / 10;
const kb = (file: string) => Math.round(statSync(join(work, file)).size / 102.4) / 10;
/** What the import itself reads, and the lazily loaded chunks beside it (all of them, used or not). */
const sizes = {
  indexKb: kb("index.mjs"),
  lazyChunksKb: (existsSync(join(work, "chunks")) ? readdirSync(join(work, "chunks"), { withFileTypes: true }) : [])
    .filter((file) => file.name.endsWith(".mjs"))
    .reduce((sum, file) => round(sum + kb(join("chunks", file.name))), 0),
};

const policy = passkeyPolicy(testConfig());
const { softKey, record } = await registeredCredential(policy, USER, { algorithm: "ES256" });

const child = `
const input = JSON.parse(process.env.BENCH_INPUT);
const policy = { ...input.policy, challengeKey: Buffer.from(input.challengeKey, "base64") };
const credential = Object.fromEntries(Object.entries(input.credential).map(([name, value]) =>
  [name, typeof value === "object" && value?.bytes ? Buffer.from(value.bytes, "base64") : value]));
const c0 = performance.now();
await import("node:crypto");
const t0 = performance.now();
const { verifyAssertion } = await import(process.env.BENCH_BUNDLE);
const t1 = performance.now();
const args = (response) => ({ response, credential, username: input.username, nowMs: Date.now() });
const first = await verifyAssertion(policy, args(input.responses[0]));
const t2 = performance.now();
const second = await verifyAssertion(policy, args(input.responses[1]));
const t3 = performance.now();
console.log(JSON.stringify({ nodeCryptoMs: t0 - c0, importMs: t1 - t0, firstVerifyMs: t2 - t1, secondVerifyMs: t3 - t2,
  ok: [first.ok, second.ok], reason: first.reason ?? second.reason }));
`;

type Run = { nodeCryptoMs: number; importMs: number; firstVerifyMs: number; secondVerifyMs: number };

/** Bytes travel as base64 through the environment. */
const serialized = (credential: Partial<CredentialRecord>) =>
  Object.fromEntries(
    Object.entries(credential).map(([name, value]) => [
      name,
      value instanceof Uint8Array ? { bytes: Buffer.from(value).toString("base64") } : value,
    ]),
  );

async function run(credential: Partial<CredentialRecord>): Promise<Run> {
  const responses = [0, 1].map(() => {
    const challenge = issueChallenge(policy, {
      purpose: "authentication",
      username: "",
      rpId: TEST_RP_ID,
      nowMs: Date.now(),
    });
    return softKey.authenticate({ challenge, rpId: TEST_RP_ID }, { origin: TEST_ORIGIN, counter: 0 });
  });
  const input = {
    policy: { ...policy, challengeKey: undefined },
    challengeKey: Buffer.from(policy.challengeKey).toString("base64"),
    credential: serialized({ ...credential, counter: 0 }),
    username: USER,
    responses,
  };
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", child], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_OPTIONS: "--enable-source-maps",
      NODE_NO_WARNINGS: "1",
      BENCH_BUNDLE: join(work, "index.mjs"),
      BENCH_INPUT: JSON.stringify(input),
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
  if (!result.ok?.every(Boolean)) throw new Error(`a verification was refused: ${stdout}`);
  return result as Run;
}

const { publicKeySpki: _, ...legacy } = record as CredentialRecord & { publicKeySpki?: unknown };
const samples = { stored: [] as Run[], legacy: [] as Run[] };
for (let i = 0; i < RUNS; i++) {
  samples.stored.push(await run(record));
  samples.legacy.push(await run(legacy));
}
rmSync(work, { recursive: true, force: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const summary = (runs: Run[]) => {
  const names = ["nodeCryptoMs", "importMs", "firstVerifyMs", "secondVerifyMs"] as const;
  const [nodeCryptoMs, importMs, firstVerifyMs, secondVerifyMs] = names.map((name) =>
    median(runs.map((r) => r[name])),
  ) as [number, number, number, number];
  const firstUseMs = median(runs.map((r) => r.importMs + r.firstVerifyMs));
  return {
    nodeCryptoMs: round(nodeCryptoMs),
    importMs: round(importMs),
    firstVerifyMs: round(firstVerifyMs),
    secondVerifyMs: round(secondVerifyMs),
    firstUseMs: round(firstUseMs),
  };
};
console.log(JSON.stringify({ runs: RUNS, ...sizes, stored: summary(samples.stored), legacy: summary(samples.legacy) }));
