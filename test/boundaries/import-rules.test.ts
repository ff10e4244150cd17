/**
 * The import rules of biome.json bite: files that break them, written into the packages where the
 * rules apply, fail `biome lint` with each rule's message, while the same imports pass where they
 * belong (the api's hono, the local stack's Node server, tests).
 */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

const CORE =
  "core is runtime-neutral: HTTP (hono) belongs to the api, Lambda event types (aws-lambda) to the triggers.";
const CLIENT =
  "The client runs in the browser: it imports no server packages (AWS SDK, our server packages, @simplewebauthn/server, hono, Node built-ins).";
const PRODUCTION =
  "Production code does not import the local stack (@latchkey/local) or its Node server (@hono/node-server): the local stack injects what it needs.";
const TESTKIT = "Production code does not import the test kit (@latchkey/testkit): it is for tests only.";
const PROTOCOL =
  "The protocol is the contract every package shares: it imports none of them and no runtime (server packages, Node built-ins).";
const RESTRICTED = "lint/style/noRestrictedImports";

const CLIENT_FORBIDDEN = [
  "@aws-sdk/client-cognito-identity-provider",
  "@latchkey/core",
  "@latchkey/core/passkeys",
  "@latchkey/api",
  "@latchkey/triggers",
  "@latchkey/local",
  "@latchkey/testkit/passkeys",
  "@simplewebauthn/server",
  "@simplewebauthn/server/helpers",
  "hono",
  "@hono/node-server",
  "node:crypto",
];
const LOCAL_STACK = ["@latchkey/local", "@hono/node-server", "@hono/node-server/conninfo"];

/** A file of the given name in a package directory, for this test run only. */
const probe = (dir: string, suffix = ".ts") => join(dir, `boundary-probe-${process.pid}${suffix}`);

interface Violation {
  rule: string;
  file: string;
  modules: string[];
  category: string;
  /** The rule's own message, where it has one of ours. */
  message?: string;
}

const violations: Violation[] = [
  {
    rule: "core imports hono or aws-lambda",
    file: probe("packages/core/src"),
    modules: ["hono", "hono/aws-lambda", "aws-lambda"],
    category: RESTRICTED,
    message: CORE,
  },
  {
    rule: "the client imports a server package",
    file: probe("packages/client/src/react", ".tsx"),
    modules: CLIENT_FORBIDDEN,
    category: RESTRICTED,
    message: CLIENT,
  },
  {
    rule: "the client imports a Node built-in without the node: prefix",
    file: probe("packages/client/src", "-builtin.ts"),
    // A type-only import of one fails the type-check instead: the client has no Node types.
    modules: ["crypto"],
    category: "lint/correctness/noNodejsModules",
  },
  {
    rule: "the protocol imports one of our packages or a runtime",
    file: probe("packages/protocol/src"),
    modules: [
      "@latchkey/core",
      "@latchkey/api",
      "@aws-sdk/client-dynamodb",
      "@simplewebauthn/server",
      "hono",
      "node:crypto",
    ],
    category: RESTRICTED,
    message: PROTOCOL,
  },
  ...["core", "api", "triggers", "cdk"].map((name) => ({
    rule: `production code (${name}) imports @latchkey/local or @hono/node-server`,
    file: probe(`packages/${name}/src`, "-local-stack.ts"),
    modules: LOCAL_STACK,
    category: RESTRICTED,
    message: PRODUCTION,
  })),
  ...["core", "api", "triggers", "cdk"].map((name) => ({
    rule: `production code (${name}) imports the test kit`,
    file: probe(`packages/${name}/src`, "-testkit.ts"),
    modules: ["@latchkey/testkit/passkeys", "@latchkey/testkit/table"],
    category: RESTRICTED,
    message: TESTKIT,
  })),
];

/** The same kind of imports where they are allowed. */
const allowed = [
  { file: probe("packages/api/src"), modules: ["hono", "hono/aws-lambda", "aws-jwt-verify", "@latchkey/core"] },
  { file: probe("packages/triggers/src"), modules: ["aws-lambda", "@latchkey/core"] },
  { file: probe("packages/protocol/src", "-allowed.ts"), modules: ["@simplewebauthn/browser"] },
  { file: probe("packages/client/src"), modules: ["@latchkey/protocol", "@simplewebauthn/browser"] },
  { file: probe("packages/local/src"), modules: ["@hono/node-server", "@latchkey/api", "hono", "node:http"] },
  { file: probe("packages/core/src", ".test.ts"), modules: ["hono", "aws-lambda"] },
  {
    file: probe("packages/client/src", ".test.ts"),
    modules: ["@latchkey/local", "node:http", "@aws-sdk/client-sesv2"],
  },
];

/** One module per line (line i + 1), in each form an import can take, so that every form is seen caught. */
function probeSource(modules: string[]): string {
  const forms = [
    (m: string, i: number) => `import * as m${i} from "${m}"; export { m${i} };`,
    (m: string) => `export type * from "${m}";`,
    (m: string) => `export * from "${m}";`,
    (m: string, i: number) => `export const load${i} = () => import("${m}");`,
  ];
  return `${modules.map((m, i) => forms[i % forms.length]?.(m, i)).join("\n")}\n`;
}

interface Diagnostic {
  category: string;
  severity: string;
  message: string;
  location: { path: string; start: { line: number } };
}

const probes = [...violations, ...allowed];
let diagnostics: Diagnostic[];
beforeAll(() => {
  for (const { file, modules } of probes) writeFileSync(join(root, file), probeSource(modules));
  const biome = join(root, "node_modules/.bin/biome");
  const files = probes.map(({ file }) => file);
  const lint = spawnSync(biome, ["lint", "--reporter=json", "--max-diagnostics=none", ...files], {
    cwd: root,
    encoding: "utf8",
  });
  // A failing exit status is what fails `pnpm test`.
  expect(lint.status).toBe(1);
  diagnostics = (JSON.parse(lint.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
});
afterAll(() => {
  for (const { file } of probes) rmSync(join(root, file), { force: true });
});

const boundaryDiagnostics = (file: string, category = /noRestrictedImports|noNodejsModules/) =>
  diagnostics.filter((d) => d.location.path === file && category.test(d.category));

describe("import rules", () => {
  for (const { rule, file, modules, category, message } of violations) {
    it(`fail the lint where ${rule}, on every import of it`, () => {
      const found = boundaryDiagnostics(file, new RegExp(category));
      expect(found.map((d) => d.location.start.line).sort((a, b) => a - b)).toEqual(modules.map((_, i) => i + 1));
      for (const diagnostic of found) {
        expect(diagnostic).toMatchObject({ category, severity: "error", ...(message && { message }) });
      }
    });
  }

  it("let the same imports pass where they belong", () => {
    for (const { file } of allowed) expect(boundaryDiagnostics(file)).toEqual([]);
  });
});
