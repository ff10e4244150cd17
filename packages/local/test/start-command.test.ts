import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGTERM");
});

it("pnpm start's entry brings the stack up, writes its coordinates and stops on Ctrl-C", async () => {
  const stateFile = join(mkdtempSync(join(tmpdir(), "latchkey-")), "local-stack.json");
  const ports = { APP: 0, API: 0, COGNITO: 0, DYNAMODB: 0, SES: 0 };
  for (const name of Object.keys(ports) as (keyof typeof ports)[]) ports[name] = await freePort();
  // No AAGUID list from the network in tests: the machine may have none.
  const env: NodeJS.ProcessEnv = { ...process.env, LATCHKEY_LOCAL_STATE_FILE: stateFile, LATCHKEY_AAGUID_SOURCE: "" };
  for (const [name, port] of Object.entries(ports)) env[`LATCHKEY_LOCAL_${name}_PORT`] = String(port);

  child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "../src/main.ts")], { env });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child?.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Press Ctrl-C")) resolve();
    });
    child?.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });

  const state = JSON.parse(readFileSync(stateFile, "utf8"));
  expect(Object.keys(state).sort()).toEqual([
    "apiUrl",
    "appUrl",
    "clientId",
    "cognitoEndpoint",
    "dynamodbEndpoint",
    "region",
    "sesUrl",
    "tableName",
    "userPoolId",
  ]);
  expect(state.appUrl).toBe(`http://localhost:${ports.APP}`);
  expect((await fetch(`${state.apiUrl}/health`)).status).toBe(200);
  expect(output).toContain(state.appUrl);
  expect(output).toContain(state.sesUrl);

  const exited = new Promise<number | null>((resolve) => child?.once("exit", resolve));
  child.kill("SIGINT");
  expect(await exited).toBe(0);
  expect(() => readFileSync(stateFile)).toThrow(expect.objectContaining({ code: "ENOENT" }));
});
