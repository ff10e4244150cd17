import { copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { AssetHashType, DockerImage } from "aws-cdk-lib";
import { Code } from "aws-cdk-lib/aws-lambda";
import { bundleLambda } from "./bundle-lambda.ts";

/**
 * Lambda code bundled from a TypeScript handler by esbuild in this process: synthesis needs neither
 * Docker nor network. The asset hash is taken from the bundle, so any change in the handler or in
 * what it imports (core, dependencies) deploys, and nothing else does. `files` (name in the code ->
 * path here) are copied in beside the bundle.
 */
export function bundledCode(entry: string, files: Record<string, string> = {}): Code {
  return Code.fromAsset(dirname(entry), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the type, never used: local bundling either succeeds or fails the synthesis.
      image: DockerImage.fromRegistry("unused-local-bundling-only"),
      local: {
        tryBundle(outputDir) {
          bundleLambda({ entry, outdir: outputDir });
          for (const [name, path] of Object.entries(files)) copyFileSync(path, join(outputDir, name));
          return true;
        },
      },
    },
  });
}
