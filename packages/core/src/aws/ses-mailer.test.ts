import { SESv2Client } from "@aws-sdk/client-sesv2";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { type FaultProxy, startFaultProxy } from "@latchkey/testkit/faults";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sesMailer } from "./ses-mailer.ts";

/** The SES emulator of the local stack, behind a proxy that records each call as the SDK sent it. */
let stack: LocalStack;
let proxy: FaultProxy;
let client: SESv2Client;
beforeAll(async () => {
  stack = await startLocalStack();
  proxy = await startFaultProxy("ses", stack.urls.ses);
  client = new SESv2Client({
    region: "eu-west-1",
    endpoint: proxy.url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
});
afterAll(async () => {
  client?.destroy();
  await proxy?.close();
  await stack?.close();
});

const message = (to: string) => ({ to, subject: "Sign in", text: "Your code", html: "<p>Your code</p>" });
const sentTo = (to: string) =>
  proxy.calls.filter((call) => call.operation === "SendEmail" && call.body.includes(to)).map((c) => JSON.parse(c.body));

describe("sesMailer", () => {
  it("sends with the configuration set it is given, whose event destinations count bounces and complaints", async () => {
    await sesMailer(client, "Example <no-reply@example.com>", "latchkey-mail").send(message("set@example.com"));
    expect(sentTo("set@example.com")).toEqual([
      expect.objectContaining({
        FromEmailAddress: "Example <no-reply@example.com>",
        Destination: { ToAddresses: ["set@example.com"] },
        ConfigurationSetName: "latchkey-mail",
      }),
    ]);
    const inbox = await fetch(`${stack.urls.ses}/store`).then((r) => r.json() as Promise<{ emails: unknown[] }>);
    expect(JSON.stringify(inbox.emails)).toContain("set@example.com");
  });

  it("names no configuration set without one (the account's default set, if any, applies)", async () => {
    await sesMailer(client, "no-reply@example.com").send(message("unset@example.com"));
    const [sent] = sentTo("unset@example.com");
    expect(sent).toBeDefined();
    expect(sent).not.toHaveProperty("ConfigurationSetName");
  });
});
