/**
 * The server side of bench/aws-sample.ts, in a process of its own so that its CPU time is the servers'
 * alone: our local stack and the AWS sample's handlers in a second Cognito emulator pool (and a third
 * pool with do-nothing triggers, for the emulator's own cost), on this thread; dynalite, the KMS fake
 * and the proxies that count every DynamoDB, KMS, SES, EventBridge and server-side Cognito call on a
 * worker thread (services-worker.ts). The bench drives it over HTTP as browsers would, and over IPC
 * for setup and figures.
 */
import {
  aaguidDirectory,
  addressOwnerHash,
  createRegistrationOptions,
  passkeyPolicy,
  registerPasskey,
} from "@latchkey/core/passkeys";
import { startLocalStack } from "@latchkey/local";
import { startTestPool, TEST_ANSWER } from "@latchkey/testkit/cognito-pool";
import { FAKE_KMS_KEY_ID } from "@latchkey/testkit/faults";
import { createSampleTables } from "./sample-tables.ts";
import { SAMPLE_POOL, startSampleStack } from "./start-sample-stack.ts";
import { startServices } from "./start-services.ts";

const services = await startServices();
process.env.AWS_ENDPOINT_URL_KMS = services.urls.kms;
const stack = await startLocalStack({
  env: {
    LATCHKEY_DYNAMODB_ENDPOINT: services.urls.dynamodb,
    LATCHKEY_SES_ENDPOINT: services.urls.ses,
    LATCHKEY_EVENTS_ENDPOINT: services.urls.events,
    LATCHKEY_COGNITO_ENDPOINT: services.urls.cognito,
    // Links signed by KMS, as the CDK construct deploys them (the sample signs with KMS too).
    LATCHKEY_SIGNING_KEY_PEM: "",
    LATCHKEY_KMS_KEY_ID: FAKE_KMS_KEY_ID,
    LATCHKEY_LINK_MAX_PER_IP_HOURLY: "1000000",
  },
});
await Promise.all([
  services.forward("ses", stack.urls.ses),
  services.forward("events", stack.urls.events),
  services.forward("cognito", stack.urls.cognito),
]);
await createSampleTables(services.urls.dynalite);
const sample = await startSampleStack(
  {
    origin: stack.urls.app,
    dynamodb: services.urls.dynamodb,
    ses: services.urls.ses,
    kms: services.urls.kms,
    cognitoProxy: services.urls.sampleCognito,
  },
  JSON.parse(process.env.BENCH_BUNDLES ?? "{}"),
);
await services.forward("sampleCognito", sample.cognitoUrl);
// Custom auth with triggers that do nothing but issue tokens: what the emulator itself costs a sign-in.
const floor = await startTestPool();
await floor.createUser("floor@example.com");

const policy = passkeyPolicy(stack.config);
const table = { client: stack.clients.dynamodb, name: stack.config.tableName };
const clock = { now: () => Date.now() };
const aaguids = aaguidDirectory("");

const operations = {
  urls: async () => ({
    ours: { api: stack.urls.api, cognito: stack.urls.cognito, clientId: stack.clientId, origin: stack.urls.app },
    sample: { api: sample.challengeUrl, cognito: sample.cognitoUrl, clientId: SAMPLE_POOL.clientId },
    floor: {
      api: "",
      cognito: floor.endpoint,
      clientId: floor.clientId,
      login: "floor@example.com",
      answer: TEST_ANSWER,
    },
    ses: stack.urls.ses,
    region: stack.region,
  }),
  /** A user of ours, and the options to register a passkey with, as the api's registration route makes them. */
  async ourAccount(email: string) {
    const { username } = await stack.createUser(email);
    const options = createRegistrationOptions(policy, {
      username,
      displayName: email,
      rpId: "localhost",
      existing: [],
      nowMs: Date.now(),
    });
    return { username, options };
  },
  /** The passkey registered as the api's route registers it, the account's verified address its owner. */
  async ourRegister(username: string, email: string, response: Parameters<typeof registerPasskey>[1]["response"]) {
    const ownerAddressHash = addressOwnerHash(stack.config.passkeys.challengeSecret, email);
    await registerPasskey({ policy, table, clock, aaguids }, { username, response, ownerAddressHash });
  },
  async sampleAccount(email: string) {
    const username = await sample.createUser(email);
    return { username, options: await sample.registrationOptions({ username, email }) };
  },
  async sampleRegister(username: string, email: string, body: unknown) {
    await sample.register({ username, email }, body);
  },
  async stats() {
    const counted = await services.counts();
    return {
      /** This thread's: the handlers and the emulators that invoke them, not dynalite, KMS or the proxies. */
      // Node 23.9+ (we run 24); @types/node 20 does not know it yet.
      cpu: (process as unknown as { threadCpuUsage(): NodeJS.CpuUsage }).threadCpuUsage(),
      dynamodb: counted.dynamodb,
      kms: counted.kms,
      ses: counted.ses,
      events: counted.events,
      cognito: { ...counted.cognito, ...prefixed(counted.sampleCognito) },
    };
  },
  async close() {
    await Promise.all([sample.close(), floor.close()]);
    await stack.close();
    await services.close();
    setImmediate(() => process.exit(0));
  },
};

/** The sample pool's server-side Cognito calls, kept apart from ours by a prefix. */
const prefixed = (counted: Record<string, number>) =>
  Object.fromEntries(Object.entries(counted).map(([name, count]) => [`sample:${name}`, count]));

export type Operations = typeof operations;

process.on("message", async (message: { id: number; op: keyof Operations; args: unknown[] }) => {
  try {
    const run = operations[message.op] as (...args: unknown[]) => Promise<unknown>;
    process.send?.({ id: message.id, result: await run(...message.args) });
  } catch (error) {
    process.send?.({ id: message.id, error: String((error as Error).stack ?? error) });
  }
});
process.send?.({ ready: true });
