import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { LatchkeyConfig } from "../config.ts";
import { cognitoClient } from "./cognito-client.ts";
import { countDependencyCalls } from "./count-dependency-calls.ts";
import { dynamodbClient } from "./dynamodb-client.ts";
import { sdkClientConfig } from "./sdk-client-config.ts";

/**
 * The AWS SDK clients, pointed at the local stack when the config names endpoints.
 * Built once per process by the entry points; few retries and short timeouts (sdkClientConfig), so a
 * broken or hung dependency fails fast.
 */
export interface AwsClients {
  dynamodb: DynamoDBClient;
  ses: SESv2Client;
  sms: PinpointSMSVoiceV2Client;
  cognito: CognitoIdentityProviderClient;
}

/** Each client counts its failed calls in the running invocation's line (see countDependencyCalls). */
export function createClients(config: LatchkeyConfig): AwsClients {
  const base = sdkClientConfig(config);
  return {
    dynamodb: dynamodbClient(config),
    ses: countDependencyCalls(
      new SESv2Client({ ...base, ...(config.sesEndpoint && { endpoint: config.sesEndpoint }) }),
      "SES",
    ),
    sms: countDependencyCalls(
      new PinpointSMSVoiceV2Client({ ...base, ...(config.smsEndpoint && { endpoint: config.smsEndpoint }) }),
      "SMS",
    ),
    cognito: cognitoClient(config),
  };
}
