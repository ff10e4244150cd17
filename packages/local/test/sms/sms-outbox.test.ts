import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  ValidationException,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { smsVoiceSender } from "@latchkey/core/aws";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboxMessage } from "../../src/index.ts";
import { type SmsOutbox, startSmsOutbox } from "../../src/sms/start-sms-outbox.ts";

let outbox: SmsOutbox;
let client: PinpointSMSVoiceV2Client;
beforeAll(async () => {
  outbox = await startSmsOutbox({ port: 0 });
  client = new PinpointSMSVoiceV2Client({
    region: "us-east-1",
    endpoint: outbox.url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client?.destroy();
  await outbox?.close();
});
beforeEach(async () => {
  await fetch(`${outbox.url}/clear-store`, { method: "POST" });
});

async function stored(since?: number): Promise<OutboxMessage[]> {
  const query = since === undefined ? "" : `?since=${since}`;
  return ((await (await fetch(`${outbox.url}/store${query}`)).json()) as { messages: OutboxMessage[] }).messages;
}

describe("the SMS outbox", () => {
  it("takes SendTextMessage from the real SDK client, answers a MessageId and keeps the text", async () => {
    const since = Math.floor(Date.now() / 1000);
    const { MessageId } = await client.send(
      new SendTextMessageCommand({ DestinationPhoneNumber: "+447700900123", MessageBody: "hello <b>" }),
    );
    expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await stored(since)).toEqual([
      expect.objectContaining({
        messageId: MessageId,
        destinationPhoneNumber: "+447700900123",
        messageBody: "hello <b>",
      }),
    ]);
    expect(await stored(since + 3600)).toEqual([]);
    const page = await (await fetch(outbox.url)).text();
    expect(page).toContain("+447700900123");
    expect(page).toContain("hello &lt;b&gt;");
  });

  it("is what smsVoiceSender sends: a transactional text with its price cap, lifetime and origination identity", async () => {
    const sender = smsVoiceSender(client, {
      originationIdentity: "pool-0123456789abcdef0123456789abcdef",
      configurationSetName: "latchkey",
      maxPrice: "0.20",
      timeToLiveSeconds: 300,
    });
    await sender.send({ to: "+14155550100", text: "Your code is 123456" });
    expect(await stored()).toEqual([
      expect.objectContaining({
        destinationPhoneNumber: "+14155550100",
        messageBody: "Your code is 123456",
        messageType: "TRANSACTIONAL",
        originationIdentity: "pool-0123456789abcdef0123456789abcdef",
        configurationSetName: "latchkey",
        maxPrice: "0.20",
        timeToLive: 300,
      }),
    ]);
  });

  it.each([
    [{ DestinationPhoneNumber: "07700900123", MessageBody: "x" }, /E\.164/],
    [{ DestinationPhoneNumber: "+447700900123", MessageBody: "" }, /MessageBody/],
    [{ DestinationPhoneNumber: "+447700900123", MessageBody: "x", MaxPrice: "1" }, /MaxPrice/],
    [{ DestinationPhoneNumber: "+447700900123", MessageBody: "x", TimeToLive: 1 }, /TimeToLive/],
  ])("refuses %j as the service does, with a ValidationException the SDK names", async (input, message) => {
    const sent = client.send(new SendTextMessageCommand(input));
    await expect(sent).rejects.toBeInstanceOf(ValidationException);
    await expect(sent).rejects.toThrow(message);
    expect(await stored()).toEqual([]);
  });

  it("answers a malformed since with 400, as the SES inbox does", async () => {
    expect((await fetch(`${outbox.url}/store?since=soon`)).status).toBe(400);
  });
});
