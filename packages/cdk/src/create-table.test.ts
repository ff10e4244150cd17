import { createTableInput, tableSchema } from "@latchkey/core";
import { App, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { createTable } from "./create-table.ts";

/** The table's CloudFormation properties, as the construct synthesizes them. */
function synthesizedTable(): Record<string, unknown> {
  const stack = new Stack(new App(), "TableOnly");
  createTable(stack, RemovalPolicy.DESTROY);
  const tables = Object.values(Template.fromStack(stack).findResources("AWS::DynamoDB::Table"));
  expect(tables).toHaveLength(1);
  return (tables[0] as { Properties: Record<string, unknown> }).Properties;
}

const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
  String(a.AttributeName).localeCompare(String(b.AttributeName));

describe("createTable", () => {
  it("builds the table of core's CreateTable input, which local and test tables are created from", () => {
    const table = synthesizedTable();
    const input = createTableInput("unused");
    expect(table.KeySchema).toEqual(input.KeySchema);
    expect([...(table.AttributeDefinitions as { AttributeName: string }[])].sort(byName)).toEqual(
      [...(input.AttributeDefinitions ?? [])].sort(byName),
    );
    expect(table.GlobalSecondaryIndexes).toEqual(input.GlobalSecondaryIndexes);
    expect(table.BillingMode).toBe(input.BillingMode);
  });

  it("adds what CreateTable cannot express: TTL on core's attribute", () => {
    expect(synthesizedTable().TimeToLiveSpecification).toEqual({
      AttributeName: tableSchema.ttlAttribute,
      Enabled: true,
    });
  });
});
