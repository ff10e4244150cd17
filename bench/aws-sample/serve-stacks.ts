/**
 * The server side of bench/aws-sample.ts, in a process of its own so that its CPU time is the servers'
 * alone: our local stack and the AWS sample's handlers in a second Cognito emulator pool, over one
 * dynalite and one KMS fake, every DynamoDB, KMS, SES, EventBridge and server-side Cognito call through a counting
 * proxy. The bench drives it over HTTP as browsers would, and over IPC for setup and figures.
 */
import { aaguidDirectory, createRegistrationOptions, passkeyPolicy, registerPasskey } from "@latchkey/core/passkeys";
import { startLocalStack } from "@latchkey/local";
import { startDynamo } from "@latchkey/local/dynamodb";
import { FAKE_KMS_KEY_ID, type FaultProxy, startFaultProxy } from "@latchkey/testkit/faults";
import { createSampleTables } from "./sample-tables.ts";
import { startBenchKms } from "./start-bench-kms.ts";
import { SAMPLE_POOL, startSampleStack } from "./start-sample-stack.ts";

const [dynamo, kms] = await Promise.all([startDynamo({ port: 0 }), startBenchKms()]);
const proxies = {
  dynamodb: await startFaultProxy("dynamodb", dynamo.endpoint),
  kms: await startFaultProxy("kms", kms.url),
  ses: await startFaultProxy("ses"),
  events: await startFaultProxy("events"),
  cognito: await startFaultProxy("cognito"),
  sampleCognito: await startFaultProxy("cognito"),
};
process.env.AWS_ENDPOINT_URL_KMS = proxies.kms.url;
const stack = await startLocalStack({
  env: {
    LATCHKEY_DYNAMODB_ENDPOINT: proxies.dynamodb.url,
    LATCHKEY_SES_ENDPOINT: proxies.ses.url,
    LATCHKEY_EVENTS_ENDPOINT: proxies.events.url,
    LATCHKEY_COGNITO_ENDPOINT: proxies.cognito.url,
    // Links signed by KMS, as the CDK construct deploys them (the sample signs with KMS too).
    LATCHKEY_SIGNING_KEY_PEM: "",
    LATCHKEY_KMS_KEY_ID: FAKE_KMS_KEY_ID,
    LATCHKEY_LINK_MAX_PER_IP_HOURLY: "1000000",
  },
});
proxies.ses.forwardTo(stack.urls.ses);
proxies.events.forwardTo(stack.urls.events);
proxies.cognito.forwardTo(stack.urls.cognito);
await createSampleTables(dynamo.endpoint);
const sample = await startSampleStack(
  {
    origin: stack.urls.app,
    dynamodb: proxies.dynamodb.url,
    ses: proxies.ses.url,
    kms: proxies.kms.url,
    cognitoProxy: proxies.sampleCognito.url,
  },
  JSON.parse(process.env.BENCH_BUNDLES ?? "{}"),
);
proxies.sampleCognito.forwardTo(sample.cognitoUrl);

const policy = passkeyPolicy(stack.config);
const table = { client: stack.clients.dynamodb, name: stack.config.tableName };
const clock = { now: () => Date.now() };
const aaguids = aaguidDirectory("");

/** Calls per service so far, by operation: the bench takes differences around a batch. */
function calls(proxy: FaultProxy): Record<string, number> {
  const counted: Record<string, number> = {};
  for (const { operation } of proxy.calls) counted[operation] = (counted[operation] ?? 0) + 1;
  return counted;
}

const operations = {
  urls: async () => ({
    ours: { api: stack.urls.api, cognito: stack.urls.cognito, clientId: stack.clientId, origin: stack.urls.app },
    sample: { api: sample.challengeUrl, cognito: sample.cognitoUrl, clientId: SAMPLE_POOL.clientId },
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
  async ourRegister(username: string, response: Parameters<typeof registerPasskey>[1]["response"]) {
    await registerPasskey({ policy, table, clock, aaguids }, { username, response });
  },
  async sampleAccount(email: string) {
    const username = await sample.createUser(email);
    return { username, options: await sample.registrationOptions({ username, email }) };
  },
  async sampleRegister(username: string, email: string, body: unknown) {
    await sample.register({ username, email }, body);
  },
  stats: async () => ({
    cpu: process.cpuUsage(),
    dynamodb: calls(proxies.dynamodb),
    kms: calls(proxies.kms),
    ses: calls(proxies.ses),
    events: calls(proxies.events),
    cognito: { ...calls(proxies.cognito), ...prefixed(calls(proxies.sampleCognito)) },
  }),
  async close() {
    await sample.close();
    await stack.close();
    await Promise.all([...Object.values(proxies).map((proxy) => proxy.close()), dynamo.close(), kms.close()]);
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
