import { createServer, type ServerResponse } from "node:http";
import { readJsonObject, send, sinceParam } from "../aws-json-service.ts";
import { callerInfo } from "../cognito/caller.ts";
import { closeServer, listen } from "../listen.ts";
import { type BusEvent, type EntryResult, toBusEvent } from "./bus-event.ts";
import { eventsPage } from "./events-page.ts";

export interface EventBus {
  /** The EventBridge endpoint, and the events page at its root. */
  url: string;
  close(): Promise<void>;
}

const putEvents = "AWSEvents.PutEvents";
const maxBodyBytes = 256 * 1024;
/** PutEvents takes 1 to 10 entries a call. */
const MAX_ENTRIES = 10;

/** A refusal of the whole call, as EventBridge answers one (awsJson1_1: `__type` names the exception). */
class EventsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

function sendError(response: ServerResponse, error: unknown) {
  const known = error instanceof EventsError;
  if (!known) console.error("event bus: internal error", error);
  const type = known ? error.type : "InternalException";
  response.setHeader("x-amzn-errortype", type);
  const body = { __type: type, message: known ? error.message : "An internal error occurred." };
  send(response, known ? error.statusCode : 500, "application/x-amz-json-1.1", JSON.stringify(body));
}

/**
 * The local stand-in for Amazon EventBridge: PutEvents over the service's JSON protocol (awsJson1_1,
 * X-Amz-Target AWSEvents.PutEvents), as the real SDK client calls it, signed (any SigV4 signature
 * will do, as with the Cognito emulator: it stays on loopback), keeping each event in memory as a
 * rule's target would get it. GET / shows them, GET /store?since=<epochSec> returns `{events}` for
 * tests and tools, POST /clear-store empties it.
 */
export async function startEventBus(options: { port: number; region: string }): Promise<EventBus> {
  const events: BusEvent[] = [];
  const put = (input: Record<string, unknown>) => {
    const entries = input.Entries;
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) {
      throw new EventsError("ValidationException", `Entries must hold 1 to ${MAX_ENTRIES} entries.`);
    }
    const now = Date.now();
    const results: EntryResult[] = entries.map((entry) => {
      const event = toBusEvent(typeof entry === "object" && entry !== null ? entry : {}, { ...options, now });
      if ("ErrorCode" in event) return event;
      events.push(event);
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((result) => "ErrorCode" in result).length, Entries: results };
  };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    try {
      if (request.method === "POST" && url.pathname === "/") {
        // Read the body first, so that even a refused request leaves the keep-alive connection clean.
        const input = await readJsonObject(request, maxBodyBytes, {
          tooLarge: () => new EventsError("ValidationException", "Total size of the entries is too large."),
          notObject: () => new EventsError("SerializationException", "Request body must be a JSON object."),
        });
        if (!callerInfo(request.headers).signed) {
          throw new EventsError("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (request.headers["x-amz-target"] !== putEvents) {
          throw new EventsError("UnknownOperationException", "The local event bus serves PutEvents only.");
        }
        send(response, 200, "application/x-amz-json-1.1", JSON.stringify(put(input)));
      } else if (request.method === "GET" && url.pathname === "/store") {
        const from = sinceParam(url);
        if (from === undefined) send(response, 400, "application/json", '{"message":"since must be epoch seconds"}');
        else {
          const newer = events.filter((event) => Date.parse(event.time) / 1000 >= from);
          send(response, 200, "application/json", JSON.stringify({ events: newer }));
        }
      } else if (request.method === "POST" && url.pathname === "/clear-store") {
        events.length = 0;
        send(response, 200, "application/json", '{"message":"Store cleared"}');
      } else if (request.method === "GET" && url.pathname === "/") {
        send(response, 200, "text/html; charset=utf-8", eventsPage(events));
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
