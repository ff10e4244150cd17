// lib/<app>-stack.ts of an app made by `cdk init app --language typescript`, with Latchkey added
// beside a user pool the app already has.
import { Latchkey } from "@latchkey/cdk";
import { UserPool } from "aws-cdk-lib/aws-cognito";
import * as cdk from "aws-cdk-lib/core";
import type { Construct } from "constructs";

export class LatchkeyStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, "Users", { signInAliases: { email: true } });
    const latchkey = new Latchkey(this, "Latchkey", {
      userPool,
      allowedOrigins: ["https://app.example.com"],
      relyingPartyIds: ["example.com"],
      magicLinks: { senderAddress: "sign-in@example.com" },
    });
    new cdk.CfnOutput(this, "ApiUrl", { value: latchkey.apiUrl });
  }
}
