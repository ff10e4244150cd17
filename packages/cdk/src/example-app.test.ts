import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

const exampleDir = new URL("../../../examples/cdk-app/", import.meta.url).pathname;
const outdir = mkdtempSync(join(tmpdir(), "latchkey-cdk-example-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

interface Template {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, unknown>;
}

it("synthesizes with `cdk synth`, offline and without credentials or Docker", { timeout: 120_000 }, () => {
  // The CLI as a user runs it, from the example's folder, with its cdk.json.
  execFileSync("pnpm", ["exec", "cdk", "synth", "--quiet", "--output", outdir], {
    cwd: exampleDir,
    encoding: "utf8",
    stdio: "pipe",
  });
  const template = JSON.parse(readFileSync(join(outdir, "LatchkeyExample.template.json"), "utf8")) as Template;
  const ofType = (type: string) => Object.values(template.Resources).filter((r) => r.Type === type);

  expect(ofType("AWS::Cognito::UserPool")).toHaveLength(1);
  expect(ofType("AWS::DynamoDB::Table")).toHaveLength(1);
  // The public HTTP API and the admin API.
  expect(ofType("AWS::ApiGatewayV2::Api")).toHaveLength(2);
  const functions = ofType("AWS::Lambda::Function");
  expect(functions.map((f) => f.Properties.Runtime)).toEqual(["nodejs24.x", "nodejs24.x", "nodejs24.x"]);
  for (const fn of functions) {
    const { S3Key } = fn.Properties.Code as { S3Key: string };
    expect(existsSync(join(outdir, `asset.${S3Key.replace(/\.zip$/, "")}`, "index.mjs"))).toBe(true);
  }
  expect(Object.keys(template.Outputs)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^ClientConfig/),
      expect.stringMatching(/^LatchkeyApiUrl/),
      expect.stringMatching(/^LatchkeyAdminApiUrl/),
    ]),
  );
});
