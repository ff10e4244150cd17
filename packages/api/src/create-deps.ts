import { type LatchkeyConfig, onFirstCall, systemClock } from "@latchkey/core";
import { createSigner } from "@latchkey/core/aws/create-signer";
import { dynamodbClientOnFirstUse } from "@latchkey/core/aws/dynamodb-client-on-first-use";
import { eventBridgeAuditEvents } from "@latchkey/core/aws/event-bridge-audit-events";
import type { ApiDeps, PlatformDeps } from "./deps.ts";

/**
 * The api's dependencies on AWS, the same wherever it runs; the entry adds its platform's. Built once
 * per process, each AWS client (and its SDK module) on the first call that needs it: usernameless
 * sign-in options load none, options for a username DynamoDB's alone, and a route that mails SES then.
 */
export function createDeps(config: LatchkeyConfig, platform: PlatformDeps): ApiDeps {
  return {
    config,
    table: { client: dynamodbClientOnFirstUse(config), name: config.tableName },
    mailer: onFirstCall(async () => {
      const [{ sesClient }, { sesMailer }] = await Promise.all([
        import("@latchkey/core/aws/ses-client"),
        import("@latchkey/core/aws/ses-mailer"),
      ]);
      const { senderAddress, configurationSetName } = config.magicLinks;
      return sesMailer(sesClient(config), senderAddress, configurationSetName);
    }, ["send"]),
    sms: onFirstCall(async () => {
      const [{ smsClient }, { smsVoiceSender }] = await Promise.all([
        import("@latchkey/core/aws/sms-client"),
        import("@latchkey/core/aws/sms-voice-sender"),
      ]);
      // Past the code's life a text is no use, so the service stops trying to deliver it then.
      return smsVoiceSender(smsClient(config), { ...config.sms, timeToLiveSeconds: config.sms.codeExpirySeconds });
    }, ["send"]),
    directory: onFirstCall(async () => {
      const [{ cognitoClient }, { cognitoDirectory }] = await Promise.all([
        import("@latchkey/core/aws/cognito-client"),
        import("@latchkey/core/aws/cognito-directory"),
      ]);
      return cognitoDirectory(cognitoClient(config), config.userPoolId);
    }, ["findByEmail", "createUser", "findByPhoneNumber", "createPhoneUser", "userByAccessToken"]),
    signer: createSigner(config),
    clock: systemClock,
    auditEvents: eventBridgeAuditEvents(config),
    ...platform,
  };
}
