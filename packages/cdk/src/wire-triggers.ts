import { ArnFormat, Names, Stack } from "aws-cdk-lib";
import { type CfnUserPool, LambdaVersion, type UserPool, UserPoolOperation } from "aws-cdk-lib/aws-cognito";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";

/**
 * A fixed name for the trigger function, unique per stack and construct path.
 *
 * The triggers read the pool and client IDs from their environment, so the function depends on the
 * pool; the pool's LambdaConfig names the function, so with a plain reference the pool would depend on
 * the function: a cycle CloudFormation refuses. Naming the function up front lets the pool point at
 * an ARN built from that name, with no reference back. Cognito does not check that the function
 * exists when the pool is created or updated; the function exists before the stack reports done.
 */
export function triggerFunctionName(scope: Construct): string {
  return `${Names.uniqueResourceName(scope, { maxLength: 55, separator: "-" })}-triggers`;
}

/**
 * Makes the function of that name the pool's Define, Create and Verify auth challenge triggers, and its
 * pre token generation trigger as V2_0 (which binds a step-up to its action in the access token, and
 * needs the Essentials or Plus feature plan). Called before anything is bundled, so a pool whose
 * triggers are taken, or that is on the Lite plan, fails the synthesis at once.
 */
export function pointTriggersAt(scope: Construct, pool: UserPool, functionName: string) {
  const tier = (pool.node.defaultChild as CfnUserPool | undefined)?.userPoolTier;
  if (tier === "LITE") {
    throw new Error(
      "Latchkey's pre token generation trigger is V2_0, which needs the user pool's Essentials or Plus feature plan, not Lite",
    );
  }
  const functionArn = Stack.of(scope).formatArn({
    service: "lambda",
    resource: "function",
    resourceName: functionName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  // Permission is granted on the function itself (allowCognitoInvoke): the reference only carries the ARN.
  const byName = LambdaFunction.fromFunctionAttributes(scope, "TriggersByName", {
    functionArn,
    sameEnvironment: false,
    skipPermissions: true,
  });
  for (const operation of [
    UserPoolOperation.DEFINE_AUTH_CHALLENGE,
    UserPoolOperation.CREATE_AUTH_CHALLENGE,
    UserPoolOperation.VERIFY_AUTH_CHALLENGE_RESPONSE,
  ]) {
    pool.addTrigger(operation, byName);
  }
  pool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, byName, LambdaVersion.V2_0);
}

/** Lets this pool, and no other, invoke the trigger function. */
export function allowCognitoInvoke(triggers: LambdaFunction, pool: UserPool) {
  triggers.addPermission("CognitoInvoke", {
    principal: new ServicePrincipal("cognito-idp.amazonaws.com"),
    sourceArn: pool.userPoolArn,
    sourceAccount: Stack.of(triggers).account,
  });
}
