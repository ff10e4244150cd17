import { App, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { Code, Function as LambdaFunction, Runtime } from "aws-cdk-lib/aws-lambda";
import { describe, expect, it } from "vitest";
import { grantSendText } from "./grant-access.ts";

/** The resources SendTextMessage is granted on, for a function given `sms`. */
function textResources(sms: Parameters<typeof grantSendText>[1]): unknown {
  const stack = new Stack(new App(), "Texts", { env: { account: "111111111111", region: "eu-west-1" } });
  const fn = new LambdaFunction(stack, "Fn", {
    runtime: Runtime.NODEJS_24_X,
    handler: "index.handler",
    code: Code.fromInline("exports.handler = async () => {}"),
  });
  grantSendText(fn, sms);
  const policies = Template.fromStack(stack).findResources("AWS::IAM::Policy", {
    Properties: {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: "sms-voice:SendTextMessage" })]) },
    },
  });
  const [policy] = Object.values(policies);
  const statements: { Action: string; Resource: unknown }[] = policy?.Properties.PolicyDocument.Statement ?? [];
  return statements.find((statement) => statement.Action === "sms-voice:SendTextMessage")?.Resource;
}

const arn = (resource: string) => ({
  "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, `:sms-voice:eu-west-1:111111111111:${resource}`]],
});

describe("grantSendText", () => {
  it("grants a phone number or pool named by ID, and no other identity", () => {
    expect(textResources({ originationIdentity: "phone-0123456789abcdef" })).toEqual([
      arn("phone-number/phone-0123456789abcdef"),
      arn("opt-out-list/*"),
    ]);
    expect(textResources({ originationIdentity: "pool-0123456789abcdef" })).toEqual([
      arn("pool/pool-0123456789abcdef"),
      arn("opt-out-list/*"),
    ]);
  });

  it("grants an identity and a configuration set named by ARN as they are", () => {
    const senderId = "arn:aws:sms-voice:eu-west-1:111111111111:sender-id/Latchkey/GB";
    const configurationSet = "arn:aws:sms-voice:eu-west-1:111111111111:configuration-set/texts";
    expect(textResources({ originationIdentity: senderId, configurationSet })).toEqual([
      senderId,
      configurationSet,
      arn("opt-out-list/*"),
    ]);
  });

  it("grants every identity of the account for a number or sender ID name, which IAM names no resource by", () => {
    for (const originationIdentity of ["+447700900123", "Latchkey", undefined]) {
      expect(textResources({ originationIdentity })).toEqual(
        ["phone-number/*", "sender-id/*", "pool/*", "opt-out-list/*"].map(arn),
      );
    }
  });
});
