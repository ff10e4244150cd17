import { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import type { LatchkeyConfig } from "../config.ts";
import { countDependencyCalls } from "./count-dependency-calls.ts";
import { sdkClientConfig } from "./sdk-client-config.ts";

/** The End User Messaging SMS client, pointed at the local outbox when the config names an endpoint; bounded. */
export function smsClient(config: Pick<LatchkeyConfig, "region" | "aws" | "smsEndpoint">): PinpointSMSVoiceV2Client {
  const client = new PinpointSMSVoiceV2Client({
    ...sdkClientConfig(config),
    ...(config.smsEndpoint && { endpoint: config.smsEndpoint }),
  });
  return countDependencyCalls(client, "SMS");
}
