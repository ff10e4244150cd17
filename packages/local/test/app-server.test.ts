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

describe("the app server with a demo", () => {
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
      demo: new URL("../../../examples/web", import.meta.url).pathname,
    });
  });
  afterAll(() => server?.close());

  it("serves the demo's bundle as /app.js and the CSS it imports, the UI kit's among it, as /app.css", async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain('href="/app.css"');
    expect((await fetch(`${server.url}/app.js`)).headers.get("content-type")).toMatch(/^text\/javascript/);
    const css = await fetch(`${server.url}/app.css`);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await css.text()).toContain("--lk-accent");
  });
});
