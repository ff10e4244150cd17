import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { LatchkeyConfig } from "../config.ts";
import { countDependencyCalls } from "./count-dependency-calls.ts";
import { sdkClientConfig } from "./sdk-client-config.ts";

/** The SES v2 client, pointed at the SES emulator when the config names an endpoint; bounded, to fail fast. */
export function sesClient(config: Pick<LatchkeyConfig, "region" | "aws" | "sesEndpoint">): SESv2Client {
  const client = new SESv2Client({
    ...sdkClientConfig(config),
    ...(config.sesEndpoint && { endpoint: config.sesEndpoint }),
  });
  return countDependencyCalls(client, "SES");
}
