import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AAGUIDS_FIXTURE, CHROMIUM_AAGUID, SOFT_AAGUID } from "@latchkey/testkit/passkeys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aaguidDirectory } from "./aaguid-directory.ts";

let server: Server;
let base: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests += 1;
    if (request.url === "/list.json") response.end(readFileSync(AAGUIDS_FIXTURE));
    else if (request.url === "/broken") response.writeHead(500).end();
    // "/hang" never answers.
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("aaguidDirectory", () => {
  it("names authenticators from a local file, with inline icons only", async () => {
    const directory = aaguidDirectory(AAGUIDS_FIXTURE);
    expect(await directory.lookup(CHROMIUM_AAGUID.toUpperCase())).toEqual({
      name: "Chromium virtual authenticator (test fixture)",
      iconLight: expect.stringMatching(/^data:image\/svg\+xml/),
      iconDark: expect.stringMatching(/^data:image\/svg\+xml/),
    });
    expect(await directory.lookup(SOFT_AAGUID)).toEqual({
      name: "Latchkey soft authenticator (test fixture)",
      iconLight: undefined,
      iconDark: undefined,
    });
    expect(await directory.lookup("00000000-0000-0000-0000-000000000000")).toBeUndefined();
  });

  it("loads a URL once and reuses it", async () => {
    const directory = aaguidDirectory(`${base}/list.json`);
    requests = 0;
    await Promise.all([directory.lookup(CHROMIUM_AAGUID), directory.lookup(CHROMIUM_AAGUID)]);
    expect((await directory.lookup(CHROMIUM_AAGUID))?.name).toMatch(/Chromium/);
    expect(requests).toBe(1);
  });

  it("treats an empty source, an error, a slow server or a bad file as unknown, never an error", async () => {
    for (const source of [
      "",
      `${base}/broken`,
      `${base}/hang`,
      "/no/such/file.json",
      new URL(import.meta.url).pathname,
    ]) {
      const directory = aaguidDirectory(source, { timeoutMs: 200 });
      await expect(directory.lookup(CHROMIUM_AAGUID)).resolves.toBeUndefined();
    }
  });

  it("tries again after a failed load, not on every lookup", async () => {
    let now = 0;
    const directory = aaguidDirectory(`${base}/broken`, { retryMs: 1000, nowMs: () => now });
    requests = 0;
    await directory.lookup(CHROMIUM_AAGUID);
    await directory.lookup(CHROMIUM_AAGUID);
    expect(requests).toBe(1);
    now = 1001;
    await directory.lookup(CHROMIUM_AAGUID);
    expect(requests).toBe(2);
  });
});
