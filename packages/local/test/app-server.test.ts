import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "../src/app-server.ts";

describe("the app server without a demo", () => {
  let server: Awaited<ReturnType<typeof startAppServer>>;
  beforeAll(async () => {
    server = await startAppServer({
      port: 0,
      config: {
        region: "us-east-1",
        userPoolId: "us-east-1_Pool",
        clientId: "client",
        cognitoEndpoint: "http://127.0.0.1:1",
        apiUrl: "http://127.0.0.1:2",
        sesUrl: "http://127.0.0.1:3",
        smsUrl: "http://127.0.0.1:4",
      },
    });
  });
  afterAll(() => server?.close());

  it("serves the configured client and its blank page, and no app", async () => {
    const client = await (await fetch(`${server.url}/latchkey-client.js`)).text();
    expect(client).toContain("var Latchkey =");
    expect(client).toContain('"us-east-1_Pool"');
    expect(await (await fetch(`${server.url}/blank.html`)).text()).toContain('src="/latchkey-client.js"');
    for (const path of ["/", "/app.js", "/signed-in"]) expect((await fetch(`${server.url}${path}`)).status).toBe(404);
  });
});
