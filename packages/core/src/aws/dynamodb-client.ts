import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { LatchkeyConfig } from "../config.ts";
import { isConditionFailure } from "../table/is-condition-failure.ts";
import { countDependencyCalls } from "./count-dependency-calls.ts";
import { sdkClientConfig } from "./sdk-client-config.ts";

/**
 * The DynamoDB client, pointed at dynalite when the config names an endpoint; bounded, to fail fast.
 * A condition that did not hold is an answer (a used link, a spent budget), not a failure.
 */
export function dynamodbClient(config: Pick<LatchkeyConfig, "region" | "aws" | "dynamodbEndpoint">): DynamoDBClient {
  const client = new DynamoDBClient({
    ...sdkClientConfig(config),
    ...(config.dynamodbEndpoint && { endpoint: config.dynamodbEndpoint }),
  });
  return countDependencyCalls(client, "DynamoDB", isConditionFailure);
}
