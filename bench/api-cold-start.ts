/**
 * Cold start of the api Lambda on its first request, POST /passkeys/authentication/options: each run
 * is a fresh Node process that imports the deployed bundle (esbuild, as the CDK construct builds it)
 * and sends one API Gateway HTTP API (payload 2.0) event through its handler, against dynalite.
 * Two kinds of first request, runs alternating: usernameless (`{}`: no DynamoDB call) and with a
 * username (one DynamoDB query for the user's credentials). Figures are medians over RUNS processes:
 *   importMs: module init of the bundle
 *   firstRequestMs: the first request, including whatever it loads on demand
 *   coldMs: importMs + firstRequestMs
 *   sinceStartMs: from the process's start to the first response (Node's own start included)
 *   firstRequestLoadedKB, firstRequestBuiltins: what the first request loaded on demand (bundle chunks,
 *     Node built-ins), as the first run saw it
 * With BASELINE=<another checkout> (e.g. the main branch's), its api is bundled and measured in the same
 * run, runs interleaved with this checkout's, for a before/after pair.
 *
 * Last stdout line: one JSON object of figures.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startTestTable } from "@latchkey/testkit/table";
import { bundleLambda } from "../packages/cdk/src/bundle-lambda.ts";
import { handlerEntries } from "../packages/cdk/src/handler-entries.ts";
import { freshProcessEnv } from "./fresh-process-env.ts";

const RUNS = 9;
const ORIGIN = "https://app.example.com";
const work = mkdtempSync(join(tmpdir(), "latchkey-api-cold-"));
const table = await startTestTable("latchkey");

const env = freshProcessEnv({
  NODE_OPTIONS: "--enable-source-maps",
  LATCHKEY_TABLE_NAME: table.name,
  LATCHKEY_DYNAMODB_ENDPOINT: table.endpoint,
  // As deployed: the magic-link signer is a KMS key (never called on this route).
  LATCHKEY_KMS_KEY_ID: "arn:aws:kms:us-east-1:111111111111:key/bench",
  LATCHKEY_CHALLENGE_SECRET: Buffer.alloc(32, 3).toString("base64"),
  LATCHKEY_ALLOWED_ORIGINS: ORIGIN,
  LATCHKEY_RP_IDS: "example.com",
  LATCHKEY_SENDER_ADDRESS: "no-reply@example.com",
  LATCHKEY_AAGUID_SOURCE: "",
});

function event(body: object) {
  const path = "/passkeys/authentication/options";
  return {
    version: "2.0",
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: "",
    headers: { host: "api.example.com", origin: ORIGIN, "content-type": "application/json" },
    requestContext: {
      http: { method: "POST", path, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "bench" },
      domainName: "api.example.com",
      requestId: "bench-1",
      routeKey: `POST ${path}`,
      stage: "$default",
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

const child = `
import { registerHooks } from "node:module";
const loadedDuringRequest = [];
let requesting = false;
registerHooks({ load(url, context, next) { if (requesting) loadedDuringRequest.push(url); return next(url, context); } });
const t0 = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE);
const t1 = performance.now();
requesting = true;
const response = await handler(JSON.parse(process.env.BENCH_EVENT), {});
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstRequestMs: t2 - t1, sinceStartMs: t2, status: response.statusCode,
  body: response.body, loadedDuringRequest }));
// The SDK keeps its connections open, as it should in Lambda; this process is done.
process.exit(0);
`;

type Run = { importMs: number; firstRequestMs: number; sinceStartMs: number; loadedDuringRequest: string[] };

/** Asynchronously: dynalite runs in this process and must keep answering while the child runs. */
async function run(bundle: string, body: object): Promise<Run> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", child], {
    env: { ...env, BENCH_BUNDLE: bundle, BENCH_EVENT: JSON.stringify(event(body)) },
    encoding: "utf8",
    timeout: 60_000,
  });
  const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
  if (result.status !== 200 || !JSON.parse(result.body).challenge) throw new Error(`options failed: ${stdout}`);
  return result as Run;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const fileBytes = (files: string[]) =>
  files.reduce((sum, file) => sum + readFileSync(file.startsWith("file:") ? fileURLToPath(file) : file).length, 0);

/** The bundle's index.mjs and the kilobytes index.mjs loads before it runs (its static imports, transitively). */
function build(name: string, entry: string) {
  const dir = join(work, name);
  const metafile = bundleLambda({ entry, outdir: dir });
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.outputs[file]?.imports ?? [])
      if (i.kind === "import-statement" && !i.external) visit(i.path);
  };
  visit(relative(process.cwd(), join(dir, "index.mjs")));
  return {
    index: join(dir, "index.mjs"),
    loadedKB: kb(fileBytes([...seen].map((file) => resolve(process.cwd(), file)))),
  };
}

const median = (values: number[]) =>
  Math.round(([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number) * 10) / 10;
const summary = (runs: Run[]) => ({
  importMs: median(runs.map((r) => r.importMs)),
  firstRequestMs: median(runs.map((r) => r.firstRequestMs)),
  coldMs: median(runs.map((r) => r.importMs + r.firstRequestMs)),
  sinceStartMs: median(runs.map((r) => r.sinceStartMs)),
  // What the request itself loaded on demand: the bundle's chunks (KB) and Node's built-in modules.
  firstRequestLoadedKB: kb(fileBytes(runs[0]?.loadedDuringRequest.filter((url) => url.startsWith("file:")) ?? [])),
  firstRequestBuiltins: runs[0]?.loadedDuringRequest.filter((url) => url.startsWith("node:")) ?? [],
});

try {
  const bundles = {
    current: build("current", handlerEntries.api),
    ...(process.env.BASELINE && {
      baseline: build("baseline", resolve(process.env.BASELINE, "packages/api/src/lambda.ts")),
    }),
  };
  const kinds = { usernameless: {}, withUsername: { username: "c01d0000-0000-4000-8000-000000000001" } };
  const samples = Object.fromEntries(
    Object.keys(bundles).map((name) => [name, { usernameless: [] as Run[], withUsername: [] as Run[] }]),
  );
  for (let i = 0; i < RUNS; i++) {
    for (const [name, { index }] of Object.entries(bundles)) {
      for (const [kind, body] of Object.entries(kinds))
        samples[name]?.[kind as keyof typeof kinds].push(await run(index, body));
    }
  }
  const figures = Object.fromEntries(
    Object.entries(bundles).map(([name, { loadedKB }]) => [
      name,
      {
        loadedKB,
        ...Object.fromEntries(Object.entries(samples[name] ?? {}).map(([kind, runs]) => [kind, summary(runs)])),
      },
    ]),
  );
  console.log(JSON.stringify({ runs: RUNS, node: process.version, ...figures }));
} finally {
  await table.close();
  rmSync(work, { recursive: true, force: true });
}
