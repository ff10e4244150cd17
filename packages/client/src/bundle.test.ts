import { build } from "esbuild";
import { expect, it } from "vitest";

it("bundles nothing of @latchkey/protocol: the client imports its types only", async () => {
  const { metafile } = await build({
    entryPoints: [
      new URL("./index.ts", import.meta.url).pathname,
      new URL("./react/index.ts", import.meta.url).pathname,
    ],
    bundle: true,
    write: false,
    outdir: "bundle",
    format: "esm",
    platform: "browser",
    external: ["react"],
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(metafile.inputs);
  expect(inputs).toContainEqual(expect.stringMatching(/packages\/client\/src\/sign-in-with-answer\.ts$/));
  expect(inputs.filter((input) => input.includes("packages/protocol/"))).toEqual([]);
});
