/**
 * Latchkey beside the AWS sample (amazon-cognito-passwordless-auth 0.17.0, its published handlers, a
 * dev dependency) in the same harness and the same run: both behind our Cognito emulator with their
 * triggers in-process, over one dynalite and one KMS fake, in a server process of their own
 * (aws-sample/serve-stacks.ts), driven from this process over HTTP as browsers with software
 * authenticators. Every figure is ours, the sample's, and the ratio ours/sample (below 1 is ours
 * faster, cheaper, fewer calls; for throughput above 1 is ours faster).
 *   passkey sign-in, usernameless and with a typed email: the whole flow (options or challenge request,
 *     InitiateAuth, RespondToAuthChallenge), median latency one at a time, throughput with 1, 10 and 50
 *     browsers; DynamoDB and Cognito calls per sign-in (counted at proxies in front of the services and
 *     on the browser's client); server CPU per sign-in (the server process's cpuUsage over the batch
 *     of 10 concurrent browsers: both stacks' code, plus the emulators' and dynalite's work for them)
 *   magic link: the request (ours POST /magic-links, padded to its fixed response envelope; the sample's
 *     InitiateAuth + a MAGIC_LINK answer that makes Create sign, store and send) and the redemption
 *   cold import: a fresh Node process importing each handler bundle (esbuild, bundled alike)
 * The readable table goes to stderr; the last stdout line is the JSON of figures.
 */
import { bundleHandlers } from "./aws-sample/bundle-handlers.ts";
import { createAccounts } from "./aws-sample/create-accounts.ts";
import { forkServers } from "./aws-sample/fork-servers.ts";
import { type Batch, runBatch } from "./aws-sample/run-batch.ts";
import { browserCognito, signInFlows } from "./aws-sample/sign-in-flows.ts";

const CONCURRENCY = [1, 10, 50] as const;
const WINDOW_MS = 1500;
const WARM_UP = 20;

const bundles = bundleHandlers();
const servers = await forkServers(bundles);
const urls = await servers.call("urls");
const origin = urls.ours.origin;
const accounts = await createAccounts(servers, origin, Math.max(...CONCURRENCY));
const browsers = { ours: browserCognito(urls.ours, urls.region), sample: browserCognito(urls.sample, urls.region) };
const flows = signInFlows(urls, origin, { ours: browsers.ours.client, sample: browsers.sample.client });

type Side = "ours" | "sample";
const pairs = {
  usernameless: { ours: flows.ourUsernameless, sample: flows.sampleUsernameless },
  withEmail: { ours: flows.ourWithEmail, sample: flows.sampleWithEmail },
};

const results: Record<string, Record<Side, Record<number, Batch>>> = {};
for (const [name, pair] of Object.entries(pairs)) {
  results[name] = { ours: {}, sample: {} };
  for (const side of ["ours", "sample"] as const) {
    for (let i = 0; i < WARM_UP; i++) await pair[side](accounts[side][0] as (typeof accounts.ours)[number]);
  }
  for (const concurrency of CONCURRENCY) {
    // Alternating sides, so that a slow moment of the shared machine does not fall on one side only.
    for (const side of ["ours", "sample"] as const) {
      const batch = await runBatch(servers, pair[side], accounts[side], {
        concurrency,
        ms: WINDOW_MS,
        browserCalls: browsers[side].calls,
      });
      (results[name] as Record<Side, Record<number, Batch>>)[side][concurrency] = batch;
    }
  }
}

await servers.call("close");
for (const browser of Object.values(browsers)) browser.client.destroy();

const ratio = (ours: number, sample: number) => (sample === 0 ? null : Math.round((ours / sample) * 100) / 100);
const total = (counted: Record<string, number>) => Object.values(counted).reduce((sum, count) => sum + count, 0);
const rows: [string, number, number][] = [];
const figures: Record<string, { ours: number; sample: number; ratio: number | null }> = {};
const row = (figure: string, ours: number, sample: number) => {
  rows.push([figure, ours, sample]);
  figures[figure] = { ours, sample, ratio: ratio(ours, sample) };
};
for (const [name, sides] of Object.entries(results)) {
  row(`${name} median ms (1 at a time)`, sides.ours[1]?.medianMs ?? 0, sides.sample[1]?.medianMs ?? 0);
  for (const concurrency of CONCURRENCY) {
    row(
      `${name} sign-ins/s at ${concurrency}`,
      sides.ours[concurrency]?.perSecond ?? 0,
      sides.sample[concurrency]?.perSecond ?? 0,
    );
  }
  const one = { ours: sides.ours[1] as Batch, sample: sides.sample[1] as Batch };
  row(`${name} DynamoDB calls`, total(one.ours.calls.dynamodb), total(one.sample.calls.dynamodb));
  row(
    `${name} Cognito calls (browser + server)`,
    one.ours.cognitoBrowser + total(one.ours.calls.cognitoServer),
    one.sample.cognitoBrowser + total(one.sample.calls.cognitoServer),
  );
  row(
    `${name} server CPU ms per sign-in`,
    sides.ours[10]?.serverCpuMsPerFlow ?? 0,
    sides.sample[10]?.serverCpuMsPerFlow ?? 0,
  );
}

const width = Math.max(...rows.map(([figure]) => figure.length));
const cell = (value: number | null) => String(value ?? "-").padStart(9);
console.error(`\n${"figure".padEnd(width)}      ours    sample  ours/sample`);
for (const [figure, ours, sample] of rows) {
  console.error(`${figure.padEnd(width)} ${cell(ours)} ${cell(sample)} ${cell(ratio(ours, sample))}`);
}
console.error("");

const detail = Object.fromEntries(
  Object.entries(results).map(([name, sides]) => [
    name,
    {
      ours: {
        dynamodb: sides.ours[1]?.calls.dynamodb,
        cognitoServer: sides.ours[1]?.calls.cognitoServer,
        p90Ms: sides.ours[1]?.p90Ms,
      },
      sample: {
        dynamodb: sides.sample[1]?.calls.dynamodb,
        cognitoServer: sides.sample[1]?.calls.cognitoServer,
        p90Ms: sides.sample[1]?.p90Ms,
      },
    },
  ]),
);
console.log(
  JSON.stringify({
    sample: "amazon-cognito-passwordless-auth@0.17.0",
    figures,
    calls: detail,
  }),
);
