import { type LocalStack, startLocalStack } from "@latchkey/local";
import { startDynamo } from "@latchkey/local/dynamodb";
import { FAKE_KMS_KEY_ID, type FaultProxy, startFakeKms, startFaultProxy } from "@latchkey/testkit/faults";
import { accountWithPasskey, passkeyAnswer, signIn } from "./flows.ts";

/**
 * AWS timeouts shorter than the defaults, so a hung dependency costs the suite little time (the bounds
 * follow from them), yet well above the event-loop stalls of this one process, which runs the services,
 * the api and the triggers together: on two loaded cores those reach 300 ms, and a timeout that fires on
 * a healthy call makes a retry the test did not ask for.
 */
const FAULT_TIMEOUTS = { connectionTimeoutMs: 500, requestTimeoutMs: 1000 };

export interface FaultStack {
  stack: LocalStack;
  /** The proxies the api and the triggers reach each service through: inject faults here. */
  faults: Record<"dynamodb" | "ses" | "cognito" | "kms" | "sms" | "events", FaultProxy>;
  close(): Promise<void>;
}

/**
 * The local stack as it runs in AWS, but with every AWS call of the api and the triggers going through
 * a fault proxy: DynamoDB (a dynalite of its own, as the table must exist before the stack answers),
 * SES and the Cognito emulator (the stack's own), and KMS, which signs the magic links as in production
 * (a fake speaking KMS's protocol over HTTP), End User Messaging SMS (the stack's outbox) and
 * EventBridge (the stack's bus, where the audit events go). The browser side (InitiateAuth,
 * RespondToAuthChallenge, the inbox, the outbox's store) reaches the emulators directly. Sign-in emails and texts have no per-network cap here: every call comes from
 * loopback.
 */
export async function startFaultStack(): Promise<FaultStack> {
  const [kms, dynamo] = await Promise.all([startFakeKms(), startDynamo({ port: 0 })]);
  const [dynamodb, ses, cognito, kmsProxy, sms, events] = await Promise.all([
    startFaultProxy("dynamodb", dynamo.endpoint),
    startFaultProxy("ses"),
    startFaultProxy("cognito"),
    startFaultProxy("kms", kms.url),
    startFaultProxy("sms"),
    startFaultProxy("events"),
  ]);
  // The SDK's own per-service endpoint setting: how the KMS signer, built from the config alone, finds it.
  const kmsEndpoint = process.env.AWS_ENDPOINT_URL_KMS;
  process.env.AWS_ENDPOINT_URL_KMS = kmsProxy.url;
  const stack = await startLocalStack({
    env: {
      LATCHKEY_DYNAMODB_ENDPOINT: dynamodb.url,
      LATCHKEY_SES_ENDPOINT: ses.url,
      LATCHKEY_SMS_ENDPOINT: sms.url,
      LATCHKEY_EVENTS_ENDPOINT: events.url,
      LATCHKEY_COGNITO_ENDPOINT: cognito.url,
      LATCHKEY_SIGNING_KEY_PEM: "",
      LATCHKEY_KMS_KEY_ID: FAKE_KMS_KEY_ID,
      LATCHKEY_AWS_CONNECTION_TIMEOUT_MS: String(FAULT_TIMEOUTS.connectionTimeoutMs),
      LATCHKEY_AWS_REQUEST_TIMEOUT_MS: String(FAULT_TIMEOUTS.requestTimeoutMs),
      LATCHKEY_LINK_MAX_PER_IP_HOURLY: "1000000",
      LATCHKEY_SMS_MAX_PER_IP_HOURLY: "1000000",
    },
  });
  ses.forwardTo(stack.urls.ses);
  sms.forwardTo(stack.urls.sms);
  events.forwardTo(stack.urls.events);
  cognito.forwardTo(stack.urls.cognito);
  await warmUp(stack);
  return {
    stack,
    faults: { dynamodb, ses, cognito, kms: kmsProxy, sms, events },
    async close() {
      await stack.close();
      await Promise.all([
        dynamodb.close(),
        ses.close(),
        cognito.close(),
        kmsProxy.close(),
        sms.close(),
        events.close(),
        dynamo.close(),
        kms.close(),
      ]);
      if (kmsEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_KMS;
      else process.env.AWS_ENDPOINT_URL_KMS = kmsEndpoint;
    },
  };
}

/**
 * Every flow once before the faults: what a first call loads or compiles (the WebAuthn verifier, the KMS
 * public key, the mail parser) then costs no cell its timeouts.
 */
async function warmUp(stack: LocalStack) {
  const account = await accountWithPasskey(stack, "warm-up");
  const { answer } = await passkeyAnswer(stack, account.softKey);
  const outcome = await signIn(stack, { login: account.username, signInMethod: "PASSKEY", answer });
  if (!("tokens" in outcome.outcome)) throw new Error(`warm-up sign-in failed: ${JSON.stringify(outcome.outcome)}`);
}
