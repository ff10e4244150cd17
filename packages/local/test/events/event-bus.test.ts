import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { parseConfig } from "@latchkey/core";
import { eventBridgeAuditEvents } from "@latchkey/core/aws";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { BusEvent } from "../../src/events/bus-event.ts";
import { type EventBus, startEventBus } from "../../src/events/start-event-bus.ts";

let bus: EventBus;
let client: EventBridgeClient;
beforeAll(async () => {
  bus = await startEventBus({ port: 0, region: "eu-west-1" });
  client = new EventBridgeClient({
    region: "eu-west-1",
    endpoint: bus.url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client?.destroy();
  await bus?.close();
});
beforeEach(async () => {
  await fetch(`${bus.url}/clear-store`, { method: "POST" });
});

async function stored(since?: number): Promise<BusEvent[]> {
  const query = since === undefined ? "" : `?since=${since}`;
  return ((await (await fetch(`${bus.url}/store${query}`)).json()) as { events: BusEvent[] }).events;
}

const entry = { Source: "latchkey", DetailType: "SignInSucceeded", Detail: '{"username":"u-1","method":"PASSKEY"}' };

describe("the local event bus", () => {
  it("takes PutEvents from the real SDK client and keeps each event as a rule's target would get it", async () => {
    const since = Math.floor(Date.now() / 1000);
    const answer = await client.send(new PutEventsCommand({ Entries: [entry, { ...entry, EventBusName: "audit" }] }));
    expect(answer.FailedEntryCount).toBe(0);
    const ids = answer.Entries?.map((e) => e.EventId);
    expect(ids).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    expect(await stored(since)).toEqual([
      {
        version: "0",
        id: ids?.[0],
        "detail-type": "SignInSucceeded",
        source: "latchkey",
        account: "000000000000",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        region: "eu-west-1",
        resources: [],
        detail: { username: "u-1", method: "PASSKEY" },
        eventBusName: "default",
      },
      expect.objectContaining({ id: ids?.[1], eventBusName: "audit" }),
    ]);
    expect(await stored(since + 3600)).toEqual([]);
    const page = await (await fetch(bus.url)).text();
    expect(page).toContain("SignInSucceeded");
    expect(page).toContain("&quot;username&quot;: &quot;u-1&quot;");
  });

  it("refuses entries one by one, as EventBridge does, keeping the rest", async () => {
    const answer = await client.send(
      new PutEventsCommand({
        Entries: [
          { ...entry, Detail: "[1, 2]" },
          { Source: "latchkey", Detail: "{}" },
          { ...entry, Source: "aws.cognito" },
          entry,
        ],
      }),
    );
    expect(answer.FailedEntryCount).toBe(3);
    expect(answer.Entries).toEqual([
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
      { ErrorCode: "InvalidArgument", ErrorMessage: expect.stringContaining("DetailType is a required argument") },
      { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: expect.any(String) },
      { EventId: expect.any(String) },
    ]);
    expect(await stored()).toHaveLength(1);
  });

  it("refuses a call without entries, or with more than ten", async () => {
    for (const Entries of [[], Array.from({ length: 11 }, () => entry)]) {
      await expect(client.send(new PutEventsCommand({ Entries }))).rejects.toMatchObject({
        name: "ValidationException",
      });
    }
    expect(await stored()).toEqual([]);
  });

  it("needs a SigV4 signature, as the Cognito emulator does, and serves PutEvents only", async () => {
    const call = (headers: Record<string, string>) =>
      fetch(bus.url, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", ...headers },
        body: JSON.stringify({ Entries: [entry] }),
      });
    const unsigned = await call({ "x-amz-target": "AWSEvents.PutEvents" });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({
      __type: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
    const signed = { authorization: "AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-1/events/aws4_request" };
    const other = await call({ ...signed, "x-amz-target": "AWSEvents.ListRules" });
    expect(await other.json()).toMatchObject({ __type: "UnknownOperationException" });
    expect(await stored()).toEqual([]);
    expect((await call({ ...signed, "x-amz-target": "AWSEvents.PutEvents" })).status).toBe(200);
    expect(await stored()).toHaveLength(1);
  });

  it("is where core's EventBridge adapter sends an audit event, source latchkey, to the configured bus", async () => {
    // The adapter signs with the process's credentials, as in Lambda; the bus takes any.
    vi.stubEnv("AWS_ACCESS_KEY_ID", "local");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local");
    const config = parseConfig({
      LATCHKEY_REGION: "eu-west-1",
      LATCHKEY_USER_POOL_ID: "eu-west-1_Pool",
      LATCHKEY_CLIENT_IDS: "client",
      LATCHKEY_TABLE_NAME: "table",
      LATCHKEY_RP_IDS: "example.com",
      LATCHKEY_ALLOWED_ORIGINS: "https://example.com",
      LATCHKEY_CHALLENGE_SECRET: Buffer.alloc(32, 7).toString("base64"),
      LATCHKEY_SENDER_ADDRESS: "no-reply@example.com",
      LATCHKEY_EVENTS_ENDPOINT: bus.url,
      LATCHKEY_EVENT_BUS: "arn:aws:events:eu-west-1:111111111111:event-bus/audit",
    });
    const detail = { requestId: "r-1", username: "u-1", credentialId: "c-1" };
    await eventBridgeAuditEvents(config).publish({ detailType: "PasskeyDeleted", detail });
    expect(await stored()).toEqual([
      expect.objectContaining({
        source: "latchkey",
        "detail-type": "PasskeyDeleted",
        detail,
        eventBusName: "arn:aws:events:eu-west-1:111111111111:event-bus/audit",
      }),
    ]);
    vi.unstubAllEnvs();
  });
});
