import { fileURLToPath } from "node:url";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../src/index.ts";

describe("local stack", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ demo: fileURLToPath(new URL("../../../examples/web", import.meta.url)) });
  });
  afterAll(() => stack?.close());

  it("serves DynamoDB with the project's table, through the AWS SDK", async () => {
    const { dynamodb } = stack.clients;
    const TableName = stack.config.tableName;
    await dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: "probe" }, sk: { S: "1" }, n: { N: "7" } } }));
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName, Key: { pk: { S: "probe" }, sk: { S: "1" } } }),
    );
    expect(Item?.n?.N).toBe("7");
  });

  it("delivers SES v2 mail to the inbox store", async () => {
    const since = Math.floor(Date.now() / 1000);
    await stack.clients.ses.send(
      new SendEmailCommand({
        FromEmailAddress: "from@example.com",
        Destination: { ToAddresses: ["to@example.com"] },
        Content: { Simple: { Subject: { Data: "hello" }, Body: { Text: { Data: "a & b" } } } },
      }),
    );
    const store = (await (await fetch(`${stack.urls.ses}/store?since=${since}`)).json()) as {
      emails: { subject: string; destination: { to: string[] }; body: { text?: string } }[];
    };
    expect(store.emails).toHaveLength(1);
    expect(store.emails[0]).toMatchObject({
      subject: "hello",
      destination: { to: ["to@example.com"] },
      body: { text: "a & b" },
    });
  });

  it("serves the api, the Cognito keys and the browser client on loopback", async () => {
    expect((await fetch(`${stack.urls.api}/health`)).status).toBe(200);
    const jwks = (await (await fetch(`${stack.config.issuer}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    const discovery = await (await fetch(`${stack.config.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer: stack.config.issuer,
      jwks_uri: `${stack.config.issuer}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ["RS256"],
    });
    expect(discovery).not.toHaveProperty("authorization_endpoint");
    const app = await fetch(stack.urls.app);
    expect(await app.text()).toContain('<script type="module" src="/app.js">');
    expect((await fetch(`${stack.urls.app}/app.js`)).headers.get("content-type")).toMatch(/javascript/);
    const client = await fetch(`${stack.urls.app}/latchkey-client.js`);
    expect(await client.text()).toContain("Latchkey.configure(");
    for (const url of Object.values(stack.urls)) expect(new URL(url).hostname).toMatch(/^(127\.0\.0\.1|localhost)$/);
  });

  it("creates users whose username is an opaque UUID", async () => {
    const { username } = await stack.createUser("someone@example.com");
    expect(username).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
