// lib/<app>-stack.js of an app made by `cdk init app --language javascript` (CommonJS), with Latchkey
// added beside a user pool the app already has.
const { Latchkey } = require("@latchkey/cdk");
const { UserPool } = require("aws-cdk-lib/aws-cognito");
const cdk = require("aws-cdk-lib");

class LatchkeyStack extends cdk.Stack {
  constructor(scope, id, props) {
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

module.exports = { LatchkeyStack };
