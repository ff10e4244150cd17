import { tableSchema } from "@latchkey/core";
import { Stack } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { SenderIdentity } from "./sender-identity.ts";

/**
 * Item-level DynamoDB actions on this table only; `Query` also on the user index, which is where
 * the code queries. No scans, batches or table management: the code makes none.
 */
export function grantTableAccess(grantee: IGrantable, table: ITable, actions: string[]) {
  const itemActions = actions.filter((action) => action !== "dynamodb:Query");
  if (itemActions.length > 0) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: itemActions, resources: [table.tableArn] }),
    );
  }
  if (actions.includes("dynamodb:Query")) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["dynamodb:Query"],
        resources: [table.tableArn, `${table.tableArn}/index/${tableSchema.userIndex.name}`],
      }),
    );
  }
}

/**
 * SES authorizes a send against the verified identity it uses: the address or its domain. Both are
 * named, and the From address is pinned, so a domain identity does not let the api send as anyone else.
 */
export function grantSendEmail(grantee: IFunction, sender: SenderIdentity) {
  const stack = Stack.of(grantee);
  const identityArn = (name: string) => stack.formatArn({ service: "ses", resource: "identity", resourceName: name });
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["ses:SendEmail"],
      resources: [identityArn(sender.address), identityArn(sender.domain)],
      conditions: { StringEquals: { "ses:FromAddress": sender.address } },
    }),
  );
}

/**
 * End User Messaging SMS authorizes a text against the origination identity, configuration set and
 * opt-out list it uses, which the account may choose per message (LATCHKEY_SMS_ORIGINATION_IDENTITY):
 * this account's, in this Region, and only sending texts.
 */
export function grantSendText(grantee: IFunction) {
  const stack = Stack.of(grantee);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["sms-voice:SendTextMessage"],
      resources: [stack.formatArn({ service: "sms-voice", resource: "*" })],
    }),
  );
}
