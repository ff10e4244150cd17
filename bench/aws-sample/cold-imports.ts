import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { FAKE_KMS_KEY_ID } from "@latchkey/testkit/faults";
import { freshProcessEnv } from "../fresh-process-env.ts";
import type { HandlerName } from "./bundle-handlers.ts";
import { sampleEnv } from "./sample-env.ts";

const RUNS = 7;

/** Both stacks' settings as deployed; nothing is called, so the endpoints need not answer. */
const env = freshProcessEnv({
  LATCHKEY_TABLE_NAME: "latchkey",
  LATCHKEY_KMS_KEY_ID: FAKE_KMS_KEY_ID,
  LATCHKEY_CHALLENGE_SECRET: Buffer.alloc(32, 7).toString("base64"),
  LATCHKEY_RP_IDS: "localhost",
  LATCHKEY_ALLOWED_ORIGINS: "http://localhost:3000",
  LATCHKEY_AAGUID_SOURCE: "",
  ...sampleEnv({ origin: "http://localhost:3000", dynamodb: "", ses: "", kms: "" }),
});

const child = `
const t0 = performance.now();
await import(process.env.BENCH_BUNDLE);
console.log(performance.now() - t0);
process.exit(0);
`;

async function importMs(bundle: string): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", child], {
    env: { ...env, BENCH_BUNDLE: bundle },
    encoding: "utf8",
    timeout: 60_000,
  });
  return Number(stdout.trim().split("\n").at(-1));
}

/** Which of the sample's handlers each of ours stands beside: the api (options) and the one trigger Lambda. */
const PAIRS: [string, HandlerName, HandlerName][] = [
  ["cold import ms: api vs sample challenge API", "ours:api", "sample:challengeApi"],
  ["cold import ms: api vs sample credentials API", "ours:api", "sample:credentialsApi"],
  ["cold import ms: triggers vs sample define", "ours:triggers", "sample:define"],
  ["cold import ms: triggers vs sample create", "ours:triggers", "sample:create"],
  ["cold import ms: triggers vs sample verify", "ours:triggers", "sample:verify"],
];

/**
 * Module initialisation of each handler bundle in a fresh Node process, what a Lambda cold start pays
 * before its first event: the median of RUNS processes per bundle, the bundles taken in turn.
 */
export async function coldImports(bundles: Record<HandlerName, string>) {
  const names = Object.keys(bundles) as HandlerName[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]]));
  for (let run = 0; run < RUNS; run++) {
    for (const name of names) samples[name]?.push(await importMs(bundles[name]));
  }
  const medians = Object.fromEntries(
    Object.entries(samples).map(([name, values]) => {
      const sorted = [...(values ?? [])].sort((a, b) => a - b);
      return [name, Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10];
    }),
  ) as Record<HandlerName, number>;
  const figures = Object.fromEntries(
    PAIRS.map(([figure, ours, sample]) => [figure, { ours: medians[ours], sample: medians[sample] }]),
  );
  // A first sign-in on cold containers starts all three of the sample's trigger Lambdas, and our one.
  const sampleTriggers = medians["sample:define"] + medians["sample:create"] + medians["sample:verify"];
  figures["cold import ms: triggers vs sample define+create+verify"] = {
    ours: medians["ours:triggers"],
    sample: Math.round(sampleTriggers * 10) / 10,
  };
  return { figures, medians };
}
