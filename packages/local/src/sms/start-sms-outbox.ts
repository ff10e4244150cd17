import { createServer, type ServerResponse } from "node:http";
import { readJsonObject, send, sinceParam } from "../aws-json-service.ts";
import { closeServer, listen } from "../listen.ts";
import { outboxPage } from "./outbox-page.ts";
import { type OutboxMessage, SmsServiceError, toOutboxMessage } from "./text-message.ts";

export interface SmsOutbox {
  /** The End User Messaging SMS (pinpoint-sms-voice-v2) endpoint, and the outbox page at its root. */
  url: string;
  close(): Promise<void>;
}

const sendTextMessage = "PinpointSMSVoiceV2.SendTextMessage";
const maxBodyBytes = 64 * 1024;

/** awsJson1_0, as the SDK reads it: `__type` names the exception, and the header repeats it. */
function sendError(response: ServerResponse, error: unknown) {
  const known = error instanceof SmsServiceError;
  if (!known) console.error("sms outbox: internal error", error);
  const type = known ? error.type : "InternalServerException";
  response.setHeader("x-amzn-errortype", type);
  const body = { __type: type, Message: known ? error.message : "An internal error occurred." };
  send(response, known ? error.statusCode : 500, "application/x-amz-json-1.0", JSON.stringify(body));
}

/**
 * The local stand-in for AWS End User Messaging SMS: SendTextMessage over the service's JSON protocol,
 * as the real SDK client calls it (any signature is accepted), keeping each text. GET / shows them,
 * GET /store?since=<epochSec> returns `{messages}` for tests, POST /clear-store empties it.
 */
export async function startSmsOutbox(options: { port: number }): Promise<SmsOutbox> {
  const messages: OutboxMessage[] = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    try {
      if (request.method === "POST" && url.pathname === "/") {
        const input = await readJsonObject(request, maxBodyBytes, {
          tooLarge: () => new SmsServiceError("SerializationException", "Request body too large."),
          notObject: () => new SmsServiceError("SerializationException", "Request body must be a JSON object."),
        });
        if (request.headers["x-amz-target"] !== sendTextMessage) {
          throw new SmsServiceError("UnknownOperationException", "The outbox serves SendTextMessage only.");
        }
        const message = toOutboxMessage(input, Date.now());
        messages.push(message);
        send(response, 200, "application/x-amz-json-1.0", JSON.stringify({ MessageId: message.messageId }));
      } else if (request.method === "GET" && url.pathname === "/store") {
        const from = sinceParam(url);
        if (from === undefined) send(response, 400, "application/json", '{"message":"since must be epoch seconds"}');
        else
          send(response, 200, "application/json", JSON.stringify({ messages: messages.filter((m) => m.at >= from) }));
      } else if (request.method === "POST" && url.pathname === "/clear-store") {
        messages.length = 0;
        send(response, 200, "application/json", '{"message":"Store cleared"}');
      } else if (request.method === "GET" && url.pathname === "/") {
        send(response, 200, "text/html; charset=utf-8", outboxPage(messages));
      } else {
        send(response, 404, "application/json", '{"message":"Not Found"}');
      }
    } catch (error) {
      sendError(response, error);
    }
  });
  const port = await listen(server, options.port);
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}
