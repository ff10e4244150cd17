/**
 * Browser bundle sizes of @latchkey/client, as an app's bundler would ship them: esbuild, minified,
 * ESM, then gzip (level 9). "core" leaves @simplewebauthn/browser out (marked external) to compare
 * with the AWS sample's 7.2 KB web client; "react" is what the React bindings add on top. The UI kit
 * (@latchkey/ui) is measured the same way: on top of the client (marked external), with everything
 * (client and SimpleWebAuthn in it), its React components on top of it, and its stylesheet.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const src = fileURLToPath(new URL("../packages/client/src/", import.meta.url));
const kitSrc = fileURLToPath(new URL("../packages/ui/src/", import.meta.url));

async function size(contents: string, external: string[], resolveDir = src): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir, loader: "ts" },
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const client = 'export * from "./index.ts";';
const withReact = `${client} export * from "./react/index.ts";`;
const kit = 'export * from "./index.ts";';
const kitWithReact = `${kit} export * from "./react/index.ts";`;
const [core, full, coreAndReact, kitOnly, kitWithAll, kitAndReact, kitCss] = await Promise.all([
  size(client, ["@simplewebauthn/browser"]),
  size(client, []),
  size(withReact, ["@simplewebauthn/browser", "react"]),
  size(kit, ["@latchkey/client"], kitSrc),
  size(kit, [], kitSrc),
  size(kitWithReact, ["@latchkey/client", "react"], kitSrc),
  build({ entryPoints: [`${kitSrc}styles.css`], bundle: true, minify: true, write: false, logLevel: "silent" }).then(
    ({ outputFiles }) => {
      const css = outputFiles[0]?.contents ?? readFileSync(`${kitSrc}styles.css`);
      return { min: css.byteLength, gzip: gzipSync(css, { level: 9 }).byteLength };
    },
  ),
]);
const kb = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;
/** The AWS sample's whole web client, minified + gzip, as its project reports it. */
const AWS_SAMPLE_GZIP_KB = 7.2;
console.log(
  JSON.stringify({
    clientMinKb: kb(core.min),
    clientGzipKb: kb(core.gzip),
    clientTargetGzipKb: 7,
    clientToAwsSampleGzipRatio: Math.round((kb(core.gzip) / AWS_SAMPLE_GZIP_KB) * 100) / 100,
    clientWithSimpleWebAuthnMinKb: kb(full.min),
    clientWithSimpleWebAuthnGzipKb: kb(full.gzip),
    reactOnTopGzipKb: kb(coreAndReact.gzip - core.gzip),
    reactTargetGzipKb: 3,
    kitGzipKb: kb(kitOnly.gzip),
    kitMinKb: kb(kitOnly.min),
    kitWithClientAndSimpleWebAuthnGzipKb: kb(kitWithAll.gzip),
    kitReactOnTopGzipKb: kb(kitAndReact.gzip - kitOnly.gzip),
    kitCssGzipKb: kb(kitCss.gzip),
  }),
);
