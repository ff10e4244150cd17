import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import recorded from "./pre-token-generation-v2.json" with { type: "json" };

/** A fresh copy of the V2_0 pre token generation event of a sign-in, with this ClientMetadata. */
export function preTokenGenerationEvent(input: {
  username: string;
  clientMetadata?: Record<string, string>;
  triggerSource?: PreTokenGenerationV2TriggerEvent["triggerSource"];
}): PreTokenGenerationV2TriggerEvent {
  const event = structuredClone(recorded) as unknown as PreTokenGenerationV2TriggerEvent;
  event.userName = input.username;
  event.request.userAttributes.sub = input.username;
  if (input.clientMetadata) event.request.clientMetadata = input.clientMetadata;
  if (input.triggerSource) event.triggerSource = input.triggerSource;
  return event;
}
