import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { LatchkeyConfig } from "../config.ts";
import { countDependencyFailures } from "./count-dependency-failures.ts";
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

/**
 * What the user directory takes as an answer rather than a failure: no such user, an address or number
 * someone holds already, a token the pool no longer accepts (see cognito-directory.ts).
 */
const COGNITO_ANSWERS = new Set([
  "UserNotFoundException",
  "UsernameExistsException",
  "AliasExistsException",
  "NotAuthorizedException",
  "UserNotConfirmedException",
  "PasswordResetRequiredException",
]);
const isCognitoAnswer = (error: unknown) => error instanceof Error && COGNITO_ANSWERS.has(error.name);

/** Each client counts its failed calls in the running invocation's line (see countDependencyFailures). */
export function createClients(config: LatchkeyConfig): AwsClients {
  const base = sdkClientConfig(config);
  return {
    dynamodb: dynamodbClient(config),
    ses: countDependencyFailures(
      new SESv2Client({ ...base, ...(config.sesEndpoint && { endpoint: config.sesEndpoint }) }),
      "SES",
    ),
    sms: countDependencyFailures(
      new PinpointSMSVoiceV2Client({ ...base, ...(config.smsEndpoint && { endpoint: config.smsEndpoint }) }),
      "SMS",
    ),
    cognito: countDependencyFailures(
      new CognitoIdentityProviderClient({
        ...base,
        ...(config.cognitoEndpoint && { endpoint: config.cognitoEndpoint }),
      }),
      "Cognito",
      isCognitoAnswer,
    ),
  };
}
