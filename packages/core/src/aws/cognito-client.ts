import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { LatchkeyConfig } from "../config.ts";
import { sdkClientConfig } from "./sdk-client-config.ts";

/** The Cognito client, pointed at the emulator when the config names an endpoint; bounded, to fail fast. */
export function cognitoClient(
  config: Pick<LatchkeyConfig, "region" | "aws" | "cognitoEndpoint">,
): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    ...sdkClientConfig(config),
    ...(config.cognitoEndpoint && { endpoint: config.cognitoEndpoint }),
  });
}
