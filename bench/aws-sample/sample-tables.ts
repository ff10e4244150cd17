import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SAMPLE_TABLES } from "./sample-env.ts";

/**
 * The sample's two tables as its CDK construct defines them: authenticators keyed pk/sk (strings) with
 * a keys-only `credentialId` (binary) index, and magic-link secrets keyed by a binary userNameHash.
 */
export async function createSampleTables(endpoint: string): Promise<void> {
  const client = new DynamoDBClient({
    region: "us-east-1",
    endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await client.send(
    new CreateTableCommand({
      TableName: SAMPLE_TABLES.authenticators,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
        { AttributeName: "credentialId", AttributeType: "B" },
      ],
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "credentialId",
          KeySchema: [{ AttributeName: "credentialId", KeyType: "HASH" }],
          Projection: { ProjectionType: "KEYS_ONLY" },
        },
      ],
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: SAMPLE_TABLES.secrets,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "userNameHash", AttributeType: "B" }],
      KeySchema: [{ AttributeName: "userNameHash", KeyType: "HASH" }],
    }),
  );
  for (const TableName of Object.values(SAMPLE_TABLES)) {
    while ((await client.send(new DescribeTableCommand({ TableName }))).Table?.TableStatus !== "ACTIVE") {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  client.destroy();
}
