/**
 * The single DynamoDB table. Items are addressed by a partition and a sort key (see item-keys.ts);
 * the user index lists a user's passkeys; `expiresAt` (epoch seconds) is the TTL attribute. Expiry is
 * always checked in code as well, because TTL deletes late.
 */
export const tableSchema = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
  userIndex: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
} as const;

export interface TableRef {
  /** A DynamoDB client (from @aws-sdk/client-dynamodb), or one built on first use: only `send` is used. */
  client: Pick<import("@aws-sdk/client-dynamodb").DynamoDBClient, "send">;
  name: string;
}
