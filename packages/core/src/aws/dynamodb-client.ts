import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { LatchkeyConfig } from "../config.ts";
import { sdkClientConfig } from "./sdk-client-config.ts";

/** The DynamoDB client, pointed at dynalite when the config names an endpoint; bounded, to fail fast. */
export function dynamodbClient(config: Pick<LatchkeyConfig, "region" | "aws" | "dynamodbEndpoint">): DynamoDBClient {
  return new DynamoDBClient({
    ...sdkClientConfig(config),
    ...(config.dynamodbEndpoint && { endpoint: config.dynamodbEndpoint }),
  });
}
