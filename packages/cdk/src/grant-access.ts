import { tableSchema } from "@latchkey/core";
import { Stack } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { SmsSettings } from "./latchkey-props.ts";
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
 * A send that names a configuration set is authorized against that set too: this one only.
 */
export function grantSendEmail(grantee: IFunction, sender: SenderIdentity, configurationSetName: string) {
  const stack = Stack.of(grantee);
  const identityArn = (name: string) => stack.formatArn({ service: "ses", resource: "identity", resourceName: name });
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["ses:SendEmail"],
      resources: [identityArn(sender.address), identityArn(sender.domain)],
      conditions: { StringEquals: { "ses:FromAddress": sender.address } },
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["ses:SendEmail"],
      resources: [
        stack.formatArn({ service: "ses", resource: "configuration-set", resourceName: configurationSetName }),
      ],
    }),
  );
}

/**
 * End User Messaging SMS authorizes a text against the origination identity, configuration set and
 * opt-out list it uses: only sending texts, in this account and Region. An identity named by ID or
 * ARN is the only one granted; one named by number or sender ID (which IAM does not name resources
 * by), or none (the account's default), leaves the account's phone numbers, sender IDs and pools. A
 * configuration set is granted only when one is named; the opt-out list is the identity's, any.
 */
export function grantSendText(grantee: IFunction, sms: Pick<SmsSettings, "originationIdentity" | "configurationSet">) {
  const stack = Stack.of(grantee);
  const arn = (resource: string, name: string) =>
    name.startsWith("arn:") ? name : stack.formatArn({ service: "sms-voice", resource, resourceName: name });
  const { originationIdentity: identity, configurationSet } = sms;
  const identities = identity?.startsWith("arn:")
    ? [identity]
    : identity?.startsWith("phone-")
      ? [arn("phone-number", identity)]
      : identity?.startsWith("pool-")
        ? [arn("pool", identity)]
        : ["phone-number", "sender-id", "pool"].map((type) => arn(type, "*"));
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["sms-voice:SendTextMessage"],
      resources: [
        ...identities,
        ...(configurationSet ? [arn("configuration-set", configurationSet)] : []),
        arn("opt-out-list", "*"),
      ],
    }),
  );
}
