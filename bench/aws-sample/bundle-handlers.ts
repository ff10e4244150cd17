import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleLambda } from "../../packages/cdk/src/bundle-lambda.ts";
import { handlerEntries } from "../../packages/cdk/src/handler-entries.ts";
import { SAMPLE_HANDLERS, sampleHandlerPath } from "./sample-env.ts";

export type HandlerName = `ours:${"api" | "triggers"}` | `sample:${keyof typeof SAMPLE_HANDLERS}`;

/**
 * Every handler under bench, bundled alike with the CDK construct's esbuild settings (ESM, minified, the
 * AWS SDK inside): ours as our construct deploys them, the sample's as its NodejsFunctions do (esbuild
 * too). The sample's handlers need it to run at all: they import CommonJS `cbor` by named export, which
 * only a bundler resolves. Returns each bundle's index.mjs.
 */
export function bundleHandlers(): Record<HandlerName, string> {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-aws-sample-"));
  const entries: [HandlerName, string][] = [
    ["ours:api", handlerEntries.api],
    ["ours:triggers", handlerEntries.triggers],
    ...Object.entries(SAMPLE_HANDLERS).map(
      ([name, file]) => [`sample:${name}`, sampleHandlerPath(file)] as [HandlerName, string],
    ),
  ];
  return Object.fromEntries(
    entries.map(([name, entry]) => {
      const outdir = join(dir, name.replace(":", "-"));
      bundleLambda({ entry, outdir });
      return [name, join(outdir, "index.mjs")];
    }),
  ) as Record<HandlerName, string>;
}
