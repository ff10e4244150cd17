import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const main = join(import.meta.dirname, "../src/main.ts");
const SERVICES = ["APP", "API", "ADMIN", "COGNITO", "DYNAMODB", "SES", "SMS", "EVENTS"] as const;

/** Runs the start command to its end (or its banner, then stops it): exit status and everything it printed. */
function startCommand(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", main, ...args], { env });
  let output = "";
  let up = false;
  const read = (chunk: Buffer) => {
    output += chunk;
    if (!up && output.includes("Press Ctrl-C")) {
      up = true;
      child.kill("SIGINT");
    }
  };
  child.stdout.on("data", read);
  child.stderr.on("data", read);
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LATCHKEY_LOCAL_STATE_FILE: join(mkdtempSync(join(tmpdir(), "latchkey-")), "local-stack.json"),
    LATCHKEY_AAGUID_SOURCE: "",
  };
  for (const name of SERVICES) env[`LATCHKEY_LOCAL_${name}_PORT`] = "0";
  return env;
}

async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe.concurrent("the start command", () => {
  it.for(SERVICES)(
    "names the %s port's setting when the port is taken, without a stack",
    async (service, { expect }) => {
      const { server, port } = await holdPort();
      try {
        const { code, output } = await startCommand([], {
          ...baseEnv(),
          [`LATCHKEY_LOCAL_${service}_PORT`]: String(port),
        });
        expect(code).toBe(1);
        expect(output).toContain(`latchkey local: port ${port} (${service.toLowerCase()}) is in use`);
        expect(output).toContain(`set LATCHKEY_LOCAL_${service}_PORT to another port`);
        expect(output).not.toMatch(/\n\s+at /);
      } finally {
        server.close();
      }
    },
  );

  it("warns that passkeys cannot work on an origin with an IP address, and starts", async () => {
    const { code, output } = await startCommand(["--origin", "http://127.0.0.1:5173"], baseEnv());
    expect(code).toBe(0);
    expect(output).toContain("latchkey local: http://127.0.0.1:5173: passkeys do not work on an IP address");
    expect(output).toContain("Allowed origins:");
  });
});

it("is silent about origins on localhost", async () => {
  const { output } = await startCommand(["--origin", "http://localhost:5173"], baseEnv());
  expect(output).not.toContain("passkeys do not work");
});
