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
  const ports = { APP: 0, API: 0, ADMIN: 0, COGNITO: 0, DYNAMODB: 0, SES: 0, SMS: 0, EVENTS: 0 };
  for (const name of Object.keys(ports) as (keyof typeof ports)[]) ports[name] = await freePort();
  // No AAGUID list from the network in tests: the machine may have none.
  const env: NodeJS.ProcessEnv = { ...process.env, LATCHKEY_LOCAL_STATE_FILE: stateFile, LATCHKEY_AAGUID_SOURCE: "" };
  for (const [name, port] of Object.entries(ports)) env[`LATCHKEY_LOCAL_${name}_PORT`] = String(port);

  env.LATCHKEY_RP_NAME = "My app (local)";
  const myApp = "http://localhost:5173";
  child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "../src/main.ts"), "--origin", myApp], {
    env,
  });
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
    "adminUrl",
    "apiUrl",
    "appUrl",
    "clientId",
    "cognitoEndpoint",
    "dynamodbEndpoint",
    "eventsUrl",
    "region",
    "sesUrl",
    "smsUrl",
    "tableName",
    "userPoolId",
  ]);
  expect(state.appUrl).toBe(`http://localhost:${ports.APP}`);
  expect((await fetch(`${state.apiUrl}/health`)).status).toBe(200);
  expect(state.adminUrl).toBe(`http://127.0.0.1:${ports.ADMIN}`);
  expect(output).toContain(state.adminUrl);
  // The admin API takes only SigV4-signed requests.
  expect((await fetch(`${state.adminUrl}/admin/users/anyone`)).status).toBe(403);
  expect(output).toContain(state.appUrl);
  expect(output).toContain(`${state.appUrl}/blank.html`);
  expect(output).toContain(state.sesUrl);
  expect(output).toContain(state.smsUrl);
  expect(await (await fetch(state.smsUrl)).text()).toContain("SMS outbox");
  expect(output).toContain(state.eventsUrl);
  expect(await (await fetch(state.eventsUrl)).text()).toContain("Audit events");
  expect(output).toContain(`Coordinates written to ${stateFile}.`);
  expect(output).toContain(`Allowed origins: ${state.appUrl}, ${myApp}`);

  // Your own app's origin is the api's as much as the demo's: CORS, and links that lead back to it.
  const preflight = await fetch(`${state.apiUrl}/magic-links`, {
    method: "OPTIONS",
    headers: {
      origin: myApp,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    },
  });
  expect(preflight.headers.get("access-control-allow-origin")).toBe(myApp);
  const request = (redirectUri: string) =>
    fetch(`${state.apiUrl}/magic-links`, {
      method: "POST",
      headers: { origin: myApp, "content-type": "application/json" },
      body: JSON.stringify({ email: "someone@example.com", redirectUri }),
    });
  expect((await request(`${myApp}/signed-in`)).status).toBe(202);
  const elsewhere = await request("http://localhost:4000/signed-in");
  expect(elsewhere.status).toBe(400);
  expect(await elsewhere.json()).toMatchObject({ code: "INVALID_REDIRECT_URI" });
  // LATCHKEY_* settings from the environment reach the api: the app's name in the sign-in mail.
  const { emails } = (await (await fetch(`${state.sesUrl}/store`)).json()) as { emails: { subject: string }[] };
  expect(emails.map((email) => email.subject)).toEqual([expect.stringContaining("My app (local)")]);

  const exited = new Promise<number | null>((resolve) => child?.once("exit", resolve));
  child.kill("SIGINT");
  expect(await exited).toBe(0);
  expect(() => readFileSync(stateFile)).toThrow(expect.objectContaining({ code: "ENOENT" }));
});
