import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { tableSchema } from "./table-schema.ts";

/**
 * CreateTable for the table as tableSchema lays it out: string keys, the user index projecting all
 * attributes, on-demand billing. The local stack and the test tables create it from this; the CDK
 * construct builds the same table (its test holds it to this input) and also enables TTL on
 * tableSchema.ttlAttribute, which CreateTable cannot do (and dynalite does not support).
 */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, userIndex } = tableSchema;
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [partitionKey, sortKey, userIndex.partitionKey, userIndex.sortKey].map((name) => ({
      AttributeName: name,
      AttributeType: "S",
    })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: "HASH" },
      { AttributeName: sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: userIndex.name,
        KeySchema: [
          { AttributeName: userIndex.partitionKey, KeyType: "HASH" },
          { AttributeName: userIndex.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}
