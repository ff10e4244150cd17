import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { LatchkeyConfig } from "../config.ts";

/** The DynamoDB client, pointed at dynalite when the config names an endpoint; few retries, to fail fast. */
export function dynamodbClient(config: LatchkeyConfig): DynamoDBClient {
  return new DynamoDBClient({
    region: config.region,
    maxAttempts: 2,
    ...(config.dynamodbEndpoint && { endpoint: config.dynamodbEndpoint }),
  });
}
