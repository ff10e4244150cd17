/**
 * The deployed Lambda bundles: size and cold module-init time of each, beside a hello-world handler
 * bundled the same way, in the same run. Every timing is a fresh Node process importing the bundle
 * (median of RUNS), with the deployed NODE_OPTIONS. The trigger bundle is split into what Define and
 * Create load (the static import closure of index.mjs) and what each verifier loads on first use. The
 * admin function's bundle is measured as the api's is.
 * For comparison it is also built with the AWS SDK left to the Lambda runtime (the runtime's copy is
 * stood in for by the installed SDK, linked into a node_modules beside the bundle).
 *
 * Last stdout line: one JSON object of figures.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Metafile } from "esbuild";
import { bundleLambda } from "../packages/cdk/src/bundle-lambda.ts";
import { handlerEntries } from "../packages/cdk/src/handler-entries.ts";

const RUNS = 9;
const root = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "latchkey-lambda-bench-"));

const env = {
  PATH: process.env.PATH,
  NODE_OPTIONS: "--enable-source-maps",
  NODE_NO_WARNINGS: "1",
  LATCHKEY_REGION: "eu-west-1",
  LATCHKEY_USER_POOL_ID: "eu-west-1_bench",
  LATCHKEY_CLIENT_IDS: "benchclient",
  LATCHKEY_TABLE_NAME: "latchkey",
  LATCHKEY_KMS_KEY_ID: "arn:aws:kms:eu-west-1:111111111111:key/bench",
  LATCHKEY_CHALLENGE_SECRET: Buffer.alloc(32, 3).toString("base64"),
  LATCHKEY_ALLOWED_ORIGINS: "https://app.example.com",
  LATCHKEY_RP_IDS: "example.com",
  LATCHKEY_SENDER_ADDRESS: "no-reply@example.com",
  LATCHKEY_AAGUID_SOURCE: "",
};

interface Bundle {
  dir: string;
  index: string;
  metafile: Metafile;
}

function bundle(name: string, entry: string, external?: string[]): Bundle {
  const dir = join(work, name);
  // esbuild reports metafile paths relative to the working directory.
  const metafile = bundleLambda({ entry, outdir: dir, ...(external && { external }) });
  return { dir, index: join(dir, "index.mjs"), metafile };
}

const outputKey = (file: string) => relative(process.cwd(), file);

/** The chunks a file loads before running (static imports, transitively), or with `import()` too. */
function closure(metafile: Metafile, file: string, withDynamic = false, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const imported of metafile.outputs[outputKey(file)]?.imports ?? []) {
    if (imported.external || (imported.kind === "dynamic-import" && !withDynamic)) continue;
    closure(metafile, resolve(process.cwd(), imported.path), withDynamic, into);
  }
  return into;
}
const staticClosure = (metafile: Metafile, file: string) => closure(metafile, file);

/** Whether any of these chunks holds code from a package. */
const holdsPackage = (metafile: Metafile, files: Iterable<string>, name: string) =>
  [...files].some((file) =>
    Object.keys(metafile.outputs[outputKey(file)]?.inputs ?? {}).some((input) =>
      input.includes(`/node_modules/${name}/`),
    ),
  );

/** Bytes the chunks hold from dependencies (node_modules: mostly the AWS SDK) and from our own sources. */
function origin(metafile: Metafile, files: Iterable<string>) {
  let dependencies = 0;
  let own = 0;
  for (const file of files) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[outputKey(file)]?.inputs ?? {})) {
      if (input.includes("/node_modules/")) dependencies += bytesInOutput;
      else own += bytesInOutput;
    }
  }
  return { dependencies, own };
}

const bytes = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + readFileSync(file).length, 0);
const gzipBytes = (files: Iterable<string>) =>
  [...files].reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
const kb = (n: number) => Math.round(n / 102.4) / 10;

/** The chunk esbuild made for a dynamically imported module. */
function lazyChunk(b: Bundle, sourceSuffix: string): string | undefined {
  const entry = Object.entries(b.metafile.outputs).find(([, output]) => output.entryPoint?.endsWith(sourceSuffix));
  return entry && resolve(process.cwd(), entry[0]);
}

/**
 * Milliseconds a fresh Node process spends in `await import()` of each group of modules, in order, and
 * from its start to the end of the first group.
 */
function timeImports(groups: string[][]): { importMs: number[]; sinceStartMs: number } {
  const script = `
    const importMs = [];
    let sinceStartMs;
    for (const group of ${JSON.stringify(groups)}) {
      const t0 = performance.now();
      for (const m of group) await import(m);
      importMs.push(performance.now() - t0);
      sinceStartMs ??= performance.now();
    }
    console.log(JSON.stringify({ importMs, sinceStartMs }));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env, encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").at(-1) as string);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] as number) * 10) / 10;
};

/** Links the installed AWS SDK packages a bundle leaves external into node_modules beside it. */
function provideRuntimeSdk(b: Bundle) {
  const fromCore = createRequire(join(root, "packages/core/package.json"));
  const packages = new Set(
    Object.values(b.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
  );
  for (const name of [...packages].filter((p) => p.startsWith("@aws-sdk/"))) {
    const target = dirname(fromCore.resolve(`${name}/package.json`));
    mkdirSync(join(b.dir, "node_modules", "@aws-sdk"), { recursive: true });
    symlinkSync(target, join(b.dir, "node_modules", name));
  }
}

try {
  const helloEntry = join(work, "hello.ts");
  writeFileSync(helloEntry, 'export const handler = async () => ({ statusCode: 200, body: "hello" });\n');
  const hello = bundle("hello", helloEntry);
  const api = bundle("api", handlerEntries.api);
  const admin = bundle("admin", handlerEntries.admin);
  const triggers = bundle("triggers", handlerEntries.triggers);
  const triggersRuntimeSdk = bundle("triggers-runtime-sdk", handlerEntries.triggers, ["@aws-sdk/*"]);
  provideRuntimeSdk(triggersRuntimeSdk);

  const passkeyChunk = lazyChunk(triggers, "passkeys/verify-passkey-answer.ts");
  const magicLinkChunk = lazyChunk(triggers, "magic-links/verify-magic-link-answer.ts");
  const emailCodeChunk = lazyChunk(triggers, "magic-links/verify-email-code-answer.ts");
  if (!passkeyChunk || !magicLinkChunk || !emailCodeChunk) throw new Error("a verifier is not a lazy chunk");

  const eager = staticClosure(triggers.metafile, triggers.index);
  // What a verifier adds to Define/Create's chunks when its answer first arrives, its own import()s included.
  // (Seeding the walk with those chunks keeps it out of the SDK's own lazy chunks behind them.)
  const onlyIn = (chunk: string) =>
    [...closure(triggers.metafile, chunk, true, new Set(eager))].filter((f) => !eager.has(f));
  // Imported in dependency order: the verifier chunk first, then what it loads when it verifies.
  const passkeyPath = onlyIn(passkeyChunk);
  const sizes = {
    helloKB: kb(bytes([hello.index])),
    apiKB: kb(bytes(staticClosure(api.metafile, api.index))),
    adminKB: kb(bytes(staticClosure(admin.metafile, admin.index))),
    defineCreateKB: kb(bytes(eager)),
    defineCreateGzipKB: kb(gzipBytes(eager)),
    defineCreateFromDependenciesKB: kb(origin(triggers.metafile, eager).dependencies),
    defineCreateFromOurSourcesKB: kb(origin(triggers.metafile, eager).own),
    passkeyPathKB: kb(bytes(passkeyPath)),
    magicLinkPathKB: kb(bytes(onlyIn(magicLinkChunk))),
    emailCodePathKB: kb(bytes(onlyIn(emailCodeChunk))),
    defineCreateWithRuntimeSdkKB: kb(bytes(staticClosure(triggersRuntimeSdk.metafile, triggersRuntimeSdk.index))),
  };

  const samples: Record<string, number[]> = {
    hello: [],
    helloSinceStart: [],
    api: [],
    admin: [],
    defineCreate: [],
    defineCreateSinceStart: [],
    passkeyPath: [],
    magicLinkPath: [],
    defineCreateRuntimeSdk: [],
  };
  const push = (name: string, value: number | undefined) => samples[name]?.push(value ?? Number.NaN);
  for (let run = 0; run < RUNS; run++) {
    const h = timeImports([[hello.index]]);
    push("hello", h.importMs[0]);
    push("helloSinceStart", h.sinceStartMs);
    push("api", timeImports([[api.index]]).importMs[0]);
    push("admin", timeImports([[admin.index]]).importMs[0]);
    const t = timeImports([[triggers.index], passkeyPath]);
    push("defineCreate", t.importMs[0]);
    push("defineCreateSinceStart", t.sinceStartMs);
    push("passkeyPath", t.importMs[1]);
    push("magicLinkPath", timeImports([[triggers.index], onlyIn(magicLinkChunk)]).importMs[1]);
    push("defineCreateRuntimeSdk", timeImports([[triggersRuntimeSdk.index]]).importMs[0]);
  }
  const init = Object.fromEntries(Object.entries(samples).map(([name, values]) => [`${name}Ms`, median(values)]));
  const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;

  console.log(
    JSON.stringify({
      runs: RUNS,
      node: process.version,
      sizes,
      init,
      ratios: {
        defineCreateImportVsHello: ratio(init.defineCreateMs as number, init.helloMs as number),
        defineCreateProcessVsHello: ratio(init.defineCreateSinceStartMs as number, init.helloSinceStartMs as number),
        runtimeSdkVsBundledSdk: ratio(init.defineCreateRuntimeSdkMs as number, init.defineCreateMs as number),
      },
      targets: {
        defineCreateAtMost50KB: sizes.defineCreateKB <= 50,
        defineCreateInitAtMost2xHello: (init.defineCreateMs as number) <= 2 * (init.helloMs as number),
        apiWithoutNodeServer: !holdsPackage(api.metafile, closure(api.metafile, api.index, true), "@hono/node-server"),
        simplewebauthnOnlyInPasskeyChunk:
          !holdsPackage(triggers.metafile, eager, "@simplewebauthn/server") &&
          holdsPackage(triggers.metafile, passkeyPath, "@simplewebauthn/server") &&
          !holdsPackage(triggers.metafile, onlyIn(magicLinkChunk), "@simplewebauthn/server"),
      },
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
