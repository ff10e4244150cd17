import { type LatchkeyConfig, systemClock } from "@latchkey/core";
import {
  cognitoDirectory,
  createClients,
  createSigner,
  eventBridgeAuditEvents,
  sesMailer,
  smsVoiceSender,
} from "@latchkey/core/aws";
import type { ApiDeps, PlatformDeps } from "./deps.ts";

/** The api's dependencies on AWS, the same wherever it runs; the entry adds its platform's. */
export function createDeps(config: LatchkeyConfig, platform: PlatformDeps): ApiDeps {
  const clients = createClients(config);
  return {
    config,
    table: { client: clients.dynamodb, name: config.tableName },
    mailer: sesMailer(clients.ses, config.magicLinks.senderAddress, config.magicLinks.configurationSetName),
    // Past the code's life a text is no use, so the service stops trying to deliver it then.
    sms: smsVoiceSender(clients.sms, { ...config.sms, timeToLiveSeconds: config.sms.codeExpirySeconds }),
    directory: cognitoDirectory(clients.cognito, config.userPoolId),
    signer: createSigner(config),
    clock: systemClock,
    auditEvents: eventBridgeAuditEvents(config),
    ...platform,
  };
}
