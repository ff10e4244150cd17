import { Latchkey } from "@latchkey/cdk";
import { type App, CfnOutput, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";

/**
 * The example: a stack with Latchkey and its client configuration as an output, from the app's context
 * values `latchkey-example:*` (cdk.json, or `-c latchkey-example:account=...`).
 */
export function createExampleStack(app: App): Stack {
  const setting = (name: string): string => {
    const value = app.node.tryGetContext(`latchkey-example:${name}`);
    if (typeof value !== "string" || value === "") throw new Error(`set the context value latchkey-example:${name}`);
    return value;
  };
  const optional = (name: string): string | undefined =>
    app.node.tryGetContext(`latchkey-example:${name}`) || undefined;

  // A fixed account and region keep `cdk synth` offline: no credentials, no lookups. Point them at your
  // own account to deploy.
  const stack = new Stack(app, "LatchkeyExample", {
    env: { account: setting("account"), region: setting("region") },
  });

  const latchkey = new Latchkey(stack, "Latchkey", {
    allowedOrigins: [setting("origin")],
    relyingPartyIds: [setting("rp-id")],
    magicLinks: { senderAddress: setting("sender"), expiry: Duration.minutes(10), binding: "same-browser" },
    passkeys: { userVerification: "required", residentKey: "required", relyingPartyName: "Latchkey example" },
    allowSignUp: true,
    // The demo offers sign-in by text: phone numbers are usernames too (fixed when the pool is created).
    phoneSignIn: true,
    // X-Ray traces of both functions (within X-Ray's free tier at an example's traffic).
    tracing: true,
    // Every alarm emails this address once it confirms the subscription; without it they show in the console.
    alarms: { email: optional("alarm-email") },
    // An example: deleting the stack deletes its data too.
    removalPolicy: RemovalPolicy.DESTROY,
  });

  new CfnOutput(stack, "ClientConfig", {
    description: "Pass to configure() of @latchkey/client",
    value: stack.toJsonString({
      cognito: { userPoolId: latchkey.userPool.userPoolId, clientId: latchkey.userPoolClient.userPoolClientId },
      apiUrl: latchkey.apiUrl,
    }),
  });
  return stack;
}
