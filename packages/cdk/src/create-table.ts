import { tableSchema } from "@latchkey/core";
import type { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";

/** The single table, laid out as core/src/table.ts describes it. */
export function createTable(scope: Construct, removalPolicy: RemovalPolicy): Table {
  const table = new Table(scope, "Table", {
    partitionKey: { name: tableSchema.partitionKey, type: AttributeType.STRING },
    sortKey: { name: tableSchema.sortKey, type: AttributeType.STRING },
    // Sign-ins come in bursts and idle nights: on-demand costs nothing while idle and never throttles a burst.
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // TTL only tidies up: expiry is always checked in code, because TTL deletes late.
    timeToLiveAttribute: tableSchema.ttlAttribute,
    encryption: TableEncryption.AWS_MANAGED,
    removalPolicy,
  });
  const index = tableSchema.userIndex;
  table.addGlobalSecondaryIndex({
    indexName: index.name,
    partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
    sortKey: { name: index.sortKey, type: AttributeType.STRING },
    projectionType: ProjectionType.ALL,
  });
  return table;
}
