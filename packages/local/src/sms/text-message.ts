import { randomUUID } from "node:crypto";

/** A text as the outbox keeps it: what SendTextMessage was asked to deliver. */
export interface OutboxMessage {
  messageId: string;
  /** Epoch seconds, as the SES inbox's `at`. */
  at: number;
  destinationPhoneNumber: string;
  originationIdentity: string | undefined;
  messageBody: string;
  messageType: string | undefined;
  configurationSetName: string | undefined;
  maxPrice: string | undefined;
  timeToLive: number | undefined;
}

/** A refusal in the shape the service answers and the SDK turns into its named exception. */
export class SmsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new SmsServiceError("ValidationException", message);
const optionalString = (input: Record<string, unknown>, name: string): string | undefined => {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(`${name} must be a string.`);
  return value;
};

/** SendTextMessage's checks on the fields we send, with the bounds the service's model declares. */
export function toOutboxMessage(input: Record<string, unknown>, now: number): OutboxMessage {
  const destination = optionalString(input, "DestinationPhoneNumber");
  if (destination === undefined) throw invalid("DestinationPhoneNumber is required.");
  if (!/^\+?[1-9][0-9]{1,18}$/.test(destination)) throw invalid("DestinationPhoneNumber is not in E.164 format.");
  const body = optionalString(input, "MessageBody") ?? "";
  if (body.length < 1 || body.length > 1600) throw invalid("MessageBody must be 1 to 1600 characters.");
  const messageType = optionalString(input, "MessageType");
  if (messageType !== undefined && messageType !== "TRANSACTIONAL" && messageType !== "PROMOTIONAL") {
    throw invalid("MessageType must be TRANSACTIONAL or PROMOTIONAL.");
  }
  const maxPrice = optionalString(input, "MaxPrice");
  if (maxPrice !== undefined && !/^[0-9]{0,2}\.[0-9]{0,5}$/.test(maxPrice)) throw invalid("MaxPrice is malformed.");
  const timeToLive = input.TimeToLive;
  if (
    timeToLive !== undefined &&
    (!Number.isInteger(timeToLive) || Number(timeToLive) < 5 || Number(timeToLive) > 259_200)
  ) {
    throw invalid("TimeToLive must be 5 to 259200 seconds.");
  }
  return {
    messageId: randomUUID(),
    at: Math.floor(now / 1000),
    destinationPhoneNumber: destination,
    originationIdentity: optionalString(input, "OriginationIdentity"),
    messageBody: body,
    messageType,
    configurationSetName: optionalString(input, "ConfigurationSetName"),
    maxPrice,
    timeToLive: timeToLive as number | undefined,
  };
}
