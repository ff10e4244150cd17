import { type BuildOptions, buildSync, type Metafile } from "esbuild";

export interface BundleLambdaOptions {
  /** The handler module (TypeScript source); its `handler` export becomes `index.handler`. */
  entry: string;
  /** Where the bundle is written: `index.mjs`, shared and lazily loaded chunks, source maps. */
  outdir: string;
  /**
   * Packages left out of the bundle. Default none: the AWS SDK is bundled too, so AWS runs the very SDK
   * version the local stack was tested with, and tree-shaken ES modules load about four times faster
   * than the runtime's CommonJS copy (see bench/lambda-bundles.ts).
   */
  external?: string[];
}

/** The handler Lambda is configured with: `index.mjs`, export `handler`. */
export const LAMBDA_HANDLER = "index.handler";

/**
 * Bundled ESM code still meets CommonJS dependencies that call `require()` for Node built-ins; esbuild
 * turns those into a shim that throws in an ES module unless a real `require` is in scope.
 */
const requireShim =
  'import { createRequire as __latchkeyCreateRequire } from "node:module";' +
  "const require = __latchkeyCreateRequire(import.meta.url);";

/**
 * Bundles one Lambda handler with esbuild, offline and without Docker. ESM with code splitting, so a
 * dynamic `import()` in the source stays a separate chunk that is read only when that path runs (the
 * triggers load @simplewebauthn/server only for a passkey answer). Returns esbuild's metafile.
 */
export function bundleLambda({ entry, outdir, external = [] }: BundleLambdaOptions): Metafile {
  const options: BuildOptions = {
    entryPoints: { index: entry },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    platform: "node",
    target: "node24",
    // Prefer packages' ES module builds: they tree-shake; the CommonJS ones do not.
    mainFields: ["module", "main"],
    conditions: ["module"],
    external,
    minify: true,
    sourcemap: true,
    // Stack traces need the mappings, not the sources: keeps the .map files (and cold starts) small.
    sourcesContent: false,
    banner: { js: requireShim },
    metafile: true,
    legalComments: "none",
    logLevel: "silent",
  };
  const result = buildSync(options);
  return result.metafile as Metafile;
}
