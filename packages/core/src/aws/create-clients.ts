import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { LatchkeyConfig } from "../config.ts";
import { cognitoClient } from "./cognito-client.ts";
import { dynamodbClient } from "./dynamodb-client.ts";
import { sesClient } from "./ses-client.ts";
import { smsClient } from "./sms-client.ts";

/**
 * The AWS SDK clients, pointed at the local stack when the config names endpoints; few retries and
 * short timeouts (sdkClientConfig), so a broken or hung dependency fails fast. All four at once, for
 * the local stack and tests; a Lambda builds each one on first use instead (see the api's createDeps).
 */
export interface AwsClients {
  dynamodb: DynamoDBClient;
  ses: SESv2Client;
  sms: PinpointSMSVoiceV2Client;
  cognito: CognitoIdentityProviderClient;
}

/** Each client counts its failed calls in the running invocation's line (see countDependencyCalls). */
export function createClients(config: LatchkeyConfig): AwsClients {
  return {
    dynamodb: dynamodbClient(config),
    ses: sesClient(config),
    sms: smsClient(config),
    cognito: cognitoClient(config),
  };
}
