import { type LatchkeyConfig, systemClock } from "@latchkey/core";
import { cognitoDirectory, createClients, createSigner, sesMailer } from "@latchkey/core/aws";
import { cognitoAccessTokens } from "./access-token.ts";
import type { ApiDeps } from "./deps.ts";

/** The production wiring of the api's dependencies; the local stack uses it too, with local endpoints. */
export function createDeps(config: LatchkeyConfig): ApiDeps {
  const clients = createClients(config);
  return {
    config,
    table: { client: clients.dynamodb, name: config.tableName },
    mailer: sesMailer(clients.ses, config.magicLinks.senderAddress),
    directory: cognitoDirectory(clients.cognito, config.userPoolId),
    signer: createSigner(config),
    clock: systemClock,
    accessTokens: cognitoAccessTokens(config),
  };
}
