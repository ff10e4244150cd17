import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { LatchkeyConfig } from "../config.ts";
import { countDependencyCalls } from "./count-dependency-calls.ts";
import { sdkClientConfig } from "./sdk-client-config.ts";

/**
 * What the directories take as an answer rather than a failure: no such user, an address or number
 * someone holds already, a token the pool no longer accepts (see cognito-directory.ts).
 */
const COGNITO_ANSWERS = new Set([
  "UserNotFoundException",
  "UsernameExistsException",
  "AliasExistsException",
  "NotAuthorizedException",
  "UserNotConfirmedException",
  "PasswordResetRequiredException",
]);
const isCognitoAnswer = (error: unknown) => error instanceof Error && COGNITO_ANSWERS.has(error.name);

/**
 * The Cognito client, pointed at the emulator when the config names an endpoint; bounded, to fail fast;
 * its failed calls counted in the running invocation's line (see countDependencyCalls).
 */
export function cognitoClient(
  config: Pick<LatchkeyConfig, "region" | "aws" | "cognitoEndpoint">,
): CognitoIdentityProviderClient {
  const client = new CognitoIdentityProviderClient({
    ...sdkClientConfig(config),
    ...(config.cognitoEndpoint && { endpoint: config.cognitoEndpoint }),
  });
  return countDependencyCalls(client, "Cognito", isCognitoAnswer);
}
