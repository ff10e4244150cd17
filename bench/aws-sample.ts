/**
 * Latchkey beside the AWS sample (amazon-cognito-passwordless-auth 0.17.0, its published handlers, a
 * dev dependency) in the same harness and the same run: both behind our Cognito emulator with their
 * triggers in-process, over one dynalite and one KMS fake, in a server process of their own
 * (aws-sample/serve-stacks.ts), driven from this process over HTTP as browsers with software
 * authenticators. Every figure is ours, the sample's, and the ratio ours/sample (below 1 is ours
 * faster, cheaper, fewer calls; for throughput above 1 is ours faster).
 *   passkey sign-in, usernameless and with a typed email: the whole flow (options or challenge request,
 *     InitiateAuth, RespondToAuthChallenge), median latency one at a time, throughput with 1, 10 and 50
 *     browsers; AWS calls per sign-in, counted at proxies in front of each service (Cognito: the
 *     browser's calls, counted on its client, plus the server's); server CPU per sign-in over the batch
 *     of 10 browsers: the server thread's, which runs the handlers and the emulators that invoke them
 *     (dynalite, KMS and the proxies have a thread of their own), and the same less the emulator's own
 *     cost of a custom-auth sign-in (triggers that do nothing), near what the Lambdas spend
 *   magic link: the request (ours POST /magic-links, padded to its fixed response envelope; the sample's
 *     InitiateAuth + a MAGIC_LINK answer that makes Create sign, store and send) and the redemption
 *   cold import: a fresh Node process importing each handler bundle (esbuild, bundled alike)
 * The sample runs as its construct deploys it (aws-sample/sample-env.ts), logging errors only.
 * The readable table goes to stderr (`pnpm bench` keeps stdout); the last stdout line is the JSON.
 */
import { assertRefusals } from "./aws-sample/assert-refusals.ts";
import { bundleHandlers } from "./aws-sample/bundle-handlers.ts";
import { coldImports } from "./aws-sample/cold-imports.ts";
import { createAccounts } from "./aws-sample/create-accounts.ts";
import { forkServers } from "./aws-sample/fork-servers.ts";
import { magicLinkFlows } from "./aws-sample/magic-link-flows.ts";
import { printTable } from "./aws-sample/print-table.ts";
import { type Batch, runBatch } from "./aws-sample/run-batch.ts";
import { browserCognito, signInFlows } from "./aws-sample/sign-in-flows.ts";
import { priceCalls } from "./cost/price-calls.ts";

const CONCURRENCY = [1, 10, 50] as const;
const WINDOW_MS = 1200;
const WARM_UP = 20;
const LATENCY_SAMPLES = 150;
/** The machine is shared: rounds repeat every batch, sides alternating, and each figure is the median. */
const ROUNDS = 3;

const bundles = bundleHandlers();
const servers = await forkServers(bundles);
const urls = await servers.call("urls");
const origin = urls.ours.origin;
/**
 * Accounts per side: a multiple of every concurrency, so that each browser of a batch signs in with
 * accounts of its own in turn, as people do, and none signs one passkey in many times a second.
 */
const ACCOUNTS = 100;
const accounts = await createAccounts(servers, origin, ACCOUNTS);
const browsers = {
  ours: browserCognito(urls.ours, urls.region),
  sample: browserCognito(urls.sample, urls.region),
  floor: browserCognito(urls.floor, urls.region),
};
const flows = signInFlows(urls, origin, {
  ours: browsers.ours.client,
  sample: browsers.sample.client,
  floor: browsers.floor.client,
});

const SIDES = ["ours", "sample"] as const;
const pairs = {
  usernameless: { ours: flows.ourUsernameless, sample: flows.sampleUsernameless },
  withEmail: { ours: flows.ourWithEmail, sample: flows.sampleWithEmail },
};
type Runs = Record<(typeof SIDES)[number], Record<number, Batch[]>>;
const byConcurrency = () => Object.fromEntries(CONCURRENCY.map((concurrency) => [concurrency, [] as Batch[]]));
const results = Object.fromEntries(
  Object.keys(pairs).map((name) => [name, { ours: byConcurrency(), sample: byConcurrency() } as Runs]),
) as Record<keyof typeof pairs, Runs>;

for (const pair of Object.values(pairs)) {
  for (const side of SIDES) {
    for (let i = 0; i < WARM_UP; i++) await pair[side](accounts[side][i % ACCOUNTS] as (typeof accounts.ours)[number]);
  }
}
await assertRefusals(
  {
    ourUsernameless: pairs.usernameless.ours,
    ourWithEmail: pairs.withEmail.ours,
    sampleUsernameless: pairs.usernameless.sample,
    sampleWithEmail: pairs.withEmail.sample,
  },
  (flow) => accounts[flow.startsWith("our") ? "ours" : "sample"][0] as (typeof accounts.ours)[number],
);
// Latency one at a time, the two sides' sign-ins interleaved one by one, so that drift in the load of
// the shared machine falls on both alike.
const latencies = Object.fromEntries(
  Object.keys(pairs).map((name) => [name, { ours: [] as number[], sample: [] as number[] }]),
) as Record<keyof typeof pairs, Record<(typeof SIDES)[number], number[]>>;
for (let i = 0; i < LATENCY_SAMPLES; i++) {
  for (const [name, pair] of Object.entries(pairs) as [keyof typeof pairs, (typeof pairs)["withEmail"]][]) {
    for (const side of i % 2 ? [...SIDES].reverse() : SIDES) {
      const started = performance.now();
      await pair[side](accounts[side][i % ACCOUNTS] as (typeof accounts.ours)[number]);
      latencies[name][side].push(performance.now() - started);
    }
  }
}
const floorCpu: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const floor = await runBatch(servers, flows.emulatorFloor, accounts.ours, {
    concurrency: 10,
    ms: WINDOW_MS,
    browserCalls: browsers.floor.calls,
  });
  floorCpu.push(floor.serverCpuMsPerFlow);
  for (const [name, pair] of Object.entries(pairs) as [keyof typeof pairs, (typeof pairs)["withEmail"]][]) {
    for (const concurrency of CONCURRENCY) {
      for (const side of round % 2 ? [...SIDES].reverse() : SIDES) {
        const batch = await runBatch(servers, pair[side], accounts[side], {
          concurrency,
          ms: WINDOW_MS,
          browserCalls: browsers[side].calls,
        });
        results[name][side][concurrency]?.push(batch);
      }
    }
  }
}

const magicLinks = await magicLinkFlows(servers, urls, accounts, { ours: browsers.ours, sample: browsers.sample });
// What the server process spends doing nothing, for scale: it is inside every CPU figure.
const idleFrom = await servers.call("stats");
await new Promise((resolve) => setTimeout(resolve, 1000));
const idleTo = await servers.call("stats");
await servers.call("close");
const cold = await coldImports(bundles);
for (const browser of Object.values(browsers)) browser.client.destroy();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const total = (counted: Record<string, number>) => Object.values(counted).reduce((sum, count) => sum + count, 0);
const figures: Record<string, { ours: number; sample: number }> = {};
const each = (runs: Runs, concurrency: number, pick: (batch: Batch) => number) => ({
  ours: median((runs.ours[concurrency] ?? []).map(pick)),
  sample: median((runs.sample[concurrency] ?? []).map(pick)),
});
for (const [name, runs] of Object.entries(results)) {
  const latency = latencies[name as keyof typeof pairs];
  figures[`${name} median ms (1 at a time)`] = {
    ours: Math.round(median(latency.ours) * 10) / 10,
    sample: Math.round(median(latency.sample) * 10) / 10,
  };
  for (const concurrency of CONCURRENCY) {
    figures[`${name} sign-ins/s at ${concurrency}`] = each(runs, concurrency, (batch) => batch.perSecond);
  }
  figures[`${name} DynamoDB calls`] = each(runs, 1, (batch) => total(batch.calls.dynamodb));
  figures[`${name} Cognito calls (browser + server)`] = each(
    runs,
    1,
    (batch) => batch.cognitoBrowser + total(batch.calls.cognitoServer),
  );
  figures[`${name} KMS, SES, EventBridge calls`] = each(
    runs,
    1,
    (batch) => total(batch.calls.kms) + total(batch.calls.ses) + total(batch.calls.events),
  );
  figures[`${name} server CPU ms per sign-in`] = each(runs, 10, (batch) => batch.serverCpuMsPerFlow);
  // Less what the emulator spends on any custom-auth sign-in: near what the Lambdas themselves spend.
  const handlers = each(runs, 10, (batch) => batch.serverCpuMsPerFlow - median(floorCpu));
  figures[`${name} handler CPU ms per sign-in`] = {
    ours: Math.round(handlers.ours * 100) / 100,
    sample: Math.round(handlers.sample * 100) / 100,
  };
  const priced = (side: (typeof SIDES)[number]) => {
    const batch = runs[side][1]?.[0];
    if (!batch) return 0;
    const { dynamodb, kms, ses, events } = batch.calls;
    return priceCalls({
      dynamodb,
      kms: total(kms),
      kmsRsa2048: side === "sample",
      ses: total(ses),
      events: total(events),
      // Ours asks the api for options, the sample's usernameless its challenge API; its typed-name flow asks none.
      apiRequests: side === "sample" && name === "withEmail" ? 0 : 1,
      handlerCpuMs: side === "ours" ? handlers.ours : handlers.sample,
    });
  };
  figures[`${name} USD per 1M (calls, API, handler CPU)`] = { ours: priced("ours"), sample: priced("sample") };
}
Object.assign(figures, magicLinks.figures, cold.figures);
const withRatios = printTable(figures);

const calls = Object.fromEntries(
  Object.entries(results).map(([name, runs]) => [
    name,
    Object.fromEntries(
      SIDES.map((side) => {
        const batch = runs[side][1]?.[0];
        const failures = CONCURRENCY.flatMap((concurrency) => runs[side][concurrency] ?? []).reduce(
          (sum, run) => sum + run.failures,
          0,
        );
        return [side, { ...batch?.calls, failures }];
      }),
    ),
  ]),
);
// Latency while the servers are busy: per concurrency, the median and the 90th percentile of a batch.
const underLoad = Object.fromEntries(
  Object.entries(results).map(([name, runs]) => [
    name,
    Object.fromEntries(
      CONCURRENCY.map((concurrency) => [
        concurrency,
        {
          medianMs: each(runs, concurrency, (batch) => batch.medianMs),
          p90Ms: each(runs, concurrency, (batch) => batch.p90Ms),
        },
      ]),
    ),
  ]),
);
const idleCpu = idleTo.cpu.user + idleTo.cpu.system - idleFrom.cpu.user - idleFrom.cpu.system;
console.log(
  JSON.stringify({
    sample: "amazon-cognito-passwordless-auth@0.17.0",
    rounds: ROUNDS,
    figures: withRatios,
    calls,
    latencyUnderLoad: underLoad,
    magicLinks: magicLinks.detail,
    coldImportMs: cold.medians,
    emulatorFloorCpuMsPerSignIn: median(floorCpu),
    serverIdleCpuMsPerSecond: Math.round(idleCpu / 100) / 10,
  }),
);
