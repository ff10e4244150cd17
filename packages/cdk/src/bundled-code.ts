import { createHash } from "node:crypto";
import { copyFileSync, readFileSync } from "node:fs";
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
  // CDK reuses a bundle across stacks by the bundling options it can serialise, which leaves out
  // tryBundle: the copied files' names and contents must be in those options, or one stack's files
  // would ship in another's code.
  const extras = Object.entries(files).map(([name, path]) => `${name}:${sha256(readFileSync(path))}`);
  return Code.fromAsset(dirname(entry), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      environment: { LATCHKEY_BUNDLED_FILES: extras.join(",") },
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

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
