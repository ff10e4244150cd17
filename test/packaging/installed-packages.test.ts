/**
 * The packages as someone outside this repository gets them: packed by `pnpm pack`, installed with npm
 * into fresh folders under the system's temp directory (no workspace above them), and used the way the
 * READMEs say: a Vite + React app signing in through the local stack's bin, a node16 TypeScript app, plain
 * Node, and CDK apps made by `cdk init` in TypeScript and JavaScript. Needs the npm registry.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, type ExpectStatic, it } from "vitest";
import { addVirtualAuthenticator, launchBrowser } from "../e2e/support/browser.ts";
import { nowSeconds, parseSignInMail, readMail } from "../e2e/support/sign-in-by-email.ts";
import { npm, run } from "./support/run.ts";
import { steps } from "./support/steps.ts";
import { libraryPackages, packLibraries } from "./support/workspace-packages.ts";

const apps = new URL("./apps/", import.meta.url).pathname;
const cdkCli = new URL("../../packages/cdk/node_modules/.bin/cdk", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "latchkey-adoption-"));
const children: ChildProcess[] = [];
let tarballs: Record<string, string> = {};
let browser: Browser | undefined;

beforeAll(async () => {
  tarballs = await packLibraries(join(work, "tarballs"));
}, 240_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
  // Four apps' node_modules to remove, on a busy machine: longer than the default hook time.
}, 180_000);

/** The tarballs of these packages (and of what they need from the workspace: all of ours go together). */
const ours = (...names: string[]) =>
  names.map((name) => {
    const tarball = tarballs[`@latchkey/${name}`];
    if (!tarball) throw new Error(`no tarball of @latchkey/${name}`);
    return tarball;
  });

/** A new, empty project folder outside the workspace, with a package.json of its own. */
function newProject(name: string, manifest: Record<string, unknown> = {}): string {
  const dir = join(mkdtempSync(join(work, "app-")), name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module", ...manifest }));
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a long-running command and resolves once its output contains `ready`. Colour codes are taken out
 * first: where FORCE_COLOR or CI is set, Vite prints the port of its URL in bold.
 */
function start(command: string, args: string[], cwd: string, ready: RegExp, env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(command, args, { cwd, env, stdio: "pipe" });
  children.push(child);
  let output = "";
  const started = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += stripVTControlCharacters(chunk.toString());
      if (ready.test(output)) resolve(output);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
  });
  return { child, started, output: () => output };
}

interface Template {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

/** The synthesized stack: three Lambda functions (api, triggers, admin) on nodejs24.x, bundled from the installed build. */
function expectSynthesized(expect: ExpectStatic, dir: string, stack: string) {
  const out = join(dir, "cdk.out");
  const template = JSON.parse(readFileSync(join(out, `${stack}.template.json`), "utf8")) as Template;
  const functions = Object.values(template.Resources).filter((r) => r.Type === "AWS::Lambda::Function");
  expect(functions.map((f) => f.Properties.Runtime)).toEqual(["nodejs24.x", "nodejs24.x", "nodejs24.x"]);
  expect(Object.values(template.Resources).filter((r) => r.Type === "AWS::Cognito::UserPool")).toHaveLength(1);
  for (const fn of functions) {
    const { S3Key } = fn.Properties.Code as { S3Key: string };
    const asset = join(out, `asset.${S3Key.replace(/\.zip$/, "")}`);
    expect(existsSync(join(asset, "index.mjs"))).toBe(true);
    const { sources } = JSON.parse(readFileSync(join(asset, "index.mjs.map"), "utf8")) as { sources: string[] };
    // Bundled from the installed packages (esbuild follows their source maps back to the shipped sources).
    const ours = sources.filter((source) => source.includes("@latchkey/"));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((source) => source.startsWith("../../node_modules/@latchkey/"))).toBe(true);
  }
}

describe.concurrent("the packed packages, installed with npm outside the workspace", () => {
  it("are every library package, as pnpm publish --dry-run lists them", { timeout: 120_000 }, async ({ expect }) => {
    const root = new URL("../../", import.meta.url).pathname;
    const output = await run(
      "pnpm",
      ["--recursive", "publish", "--dry-run", "--no-git-checks", "--ignore-scripts", "--access", "public"],
      { cwd: root },
    );
    const listed = [...output.matchAll(/^\+ (@latchkey\/[\w-]+)@/gm)].map((match) => match[1]).sort();
    const names = libraryPackages().map((pkg) => pkg.name);
    expect(listed).toEqual(names.sort());
    expect(names).toEqual(expect.arrayContaining(["@latchkey/client", "@latchkey/cdk", "@latchkey/local"]));
    expect(names).not.toContain("@latchkey/testkit");
    expect(Object.keys(tarballs).sort()).toEqual(names.sort());
  });

  it("a Vite + React app builds, and signs in through the local stack's bin from its own origin", {
    timeout: 420_000,
  }, async ({ expect }) => {
    const step = steps("vite app");
    const dir = newProject("my-app");
    cpSync(join(apps, "web"), dir, { recursive: true });
    await step("npm install", () =>
      npm(
        dir,
        "install",
        ...ours("protocol", "core", "api", "triggers", "client", "ui", "local"),
        "react@^19",
        "react-dom@^19",
        "vite@^8",
        "@vitejs/plugin-react@^6",
        "typescript@^7",
        "@types/react@^19",
        "@types/react-dom@^19",
      ),
    );

    // Server-side rendering imports the client in plain Node: nothing may touch window at module scope.
    const imported = await run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const client = await import("@latchkey/client"); const react = await import("@latchkey/client/react");
           console.log(typeof client.configure, typeof client.getAuthState().status, typeof react.useAuth);`,
      ],
      { cwd: dir },
    );
    expect(imported.trim()).toBe("function string function");

    // The local stack, run from the app's folder, for the app's own origin; sign-up through --set.
    const appOrigin = `http://localhost:${await freePort()}`;
    const ports = Object.fromEntries(
      ["APP", "API", "ADMIN", "COGNITO", "DYNAMODB", "SES"].map((name) => [`LATCHKEY_LOCAL_${name}_PORT`, "0"]),
    );
    const stack = start(
      join(dir, "node_modules/.bin/latchkey-local"),
      ["--origin", appOrigin, "--set", "LATCHKEY_RP_NAME=My app"],
      dir,
      /Press Ctrl-C/,
      { ...process.env, ...ports, LATCHKEY_AAGUID_SOURCE: "" },
    );
    const banner = await step("latchkey-local start", () => stack.started, 60_000);
    const stateFile = join(dir, ".local-stack.json");
    expect(banner).toContain(`Coordinates written to ${stateFile}.`);
    expect(banner).toContain(appOrigin);
    const state = JSON.parse(readFileSync(stateFile, "utf8")) as Record<string, string>;
    writeFileSync(
      join(dir, ".env.local"),
      [
        `VITE_USER_POOL_ID=${state.userPoolId}`,
        `VITE_CLIENT_ID=${state.clientId}`,
        `VITE_COGNITO_ENDPOINT=${state.cognitoEndpoint}`,
        `VITE_API_URL=${state.apiUrl}`,
      ].join("\n"),
    );

    // The react-ts template's build: type-check (bundler resolution, strict options, libraries checked), then Vite.
    await step("tsc", () => run("npx", ["tsc", "-p", "."], { cwd: dir }));
    await step("vite build", () => run("npx", ["vite", "build"], { cwd: dir }));
    const port = new URL(appOrigin).port;
    const preview = start("npx", ["vite", "preview", "--port", port, "--strictPort"], dir, new RegExp(`:${port}`));
    await step("vite preview start", () => preview.started, 60_000);

    browser = await step("chromium launch", () => launchBrowser(), 60_000);
    const page = await browser.newPage();
    // Every wait in the page ends; what the app logs as an error is in the test's output.
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (error) => console.error(`vite app · page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") console.error(`vite app · console: ${message.text()}`);
    });
    await addVirtualAuthenticator(page);
    await step("page load", () => page.goto(appOrigin), 30_000);
    const email = "newcomer@example.com";
    const since = nowSeconds();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a code" }).click();
    await expect.poll(() => page.locator("output").textContent(), { timeout: 20_000 }).toBe("Code sent");
    const mail = (await readMail({ urls: { ses: state.sesUrl as string } }, since)).filter((m) =>
      m.destination.to.includes(email),
    );
    expect(mail.map((m) => m.subject)).toEqual([expect.stringContaining("My app")]);
    await page.getByLabel("Code").fill(parseSignInMail(mail[0] as (typeof mail)[0]).code);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe(`Signed in as ${email}`);
    // The UI kit's passkey manager, from the installed package, its stylesheet applied.
    const manager = page.getByRole("region", { name: "Passkeys" });
    await manager.getByText("No passkeys yet").waitFor();
    expect(await manager.evaluate((section) => getComputedStyle(section).borderRadius)).toBe("12px");

    // A passkey registered for this origin, then a usernameless sign-in with it.
    await page.getByRole("button", { name: "Register a passkey" }).click();
    await expect.poll(() => page.locator("output").textContent(), { timeout: 20_000 }).toBe("Passkey added");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe(`Signed in as ${email}`);

    const exited = new Promise((resolve) => stack.child.once("exit", resolve));
    stack.child.kill("SIGINT");
    expect(await step("latchkey-local stop", () => exited, 30_000)).toBe(0);
    expect(existsSync(stateFile)).toBe(false);
  });

  it("a node16 TypeScript app type-checks against the client and runs in plain Node", {
    timeout: 180_000,
  }, async ({ expect }) => {
    const dir = newProject("node16-app");
    cpSync(join(apps, "node16"), dir, { recursive: true });
    await npm(dir, "install", ...ours("protocol", "client"), "typescript@^7");
    await run("npx", ["tsc", "-p", "."], { cwd: dir });
    // The TypeScript of this workspace (5.x) reads the declarations too.
    await run(new URL("../../node_modules/.bin/tsc", import.meta.url).pathname, ["-p", ".", "--noEmit"], { cwd: dir });
    const output = await run(process.execPath, ["dist/main.js"], { cwd: dir });
    expect(JSON.parse(output)).toEqual({ status: "signed-out", method: "PASSKEY" });
  });

  it.for([
    ["typescript", "latchkey-stack.ts"],
    ["javascript", "latchkey-stack.js"],
  ] as const)(
    "a CDK app made by `cdk init app --language %s` synthesizes with the construct",
    {
      timeout: 420_000,
    },
    async ([language, stackFile], { expect }) => {
      // The folder's name makes the template's names: bin/latchkey.*, lib/latchkey-stack.*, LatchkeyStack.
      const dir = join(mkdtempSync(join(work, "cdk-")), "latchkey");
      mkdirSync(dir);
      await run(cdkCli, ["init", "app", "--language", language, "--generate-only"], { cwd: dir });
      cpSync(join(apps, "cdk", stackFile), join(dir, "lib", stackFile));
      await npm(dir, "install", ...ours("protocol", "core", "api", "triggers", "cdk"));
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(["aws-cdk-lib", "constructs"]));
      // One aws-cdk-lib: the app's own, which the construct takes as a peer.
      expect(readdirSync(join(dir, "node_modules/@latchkey/cdk")).includes("node_modules")).toBe(false);

      // cdk.json's app runs `npx tsc` first in the TypeScript template.
      await run("npx", ["cdk", "synth", "--quiet", "--no-notices"], { cwd: dir });
      expectSynthesized(expect, dir, "LatchkeyStack");
    },
  );
});
