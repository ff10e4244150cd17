/**
 * Sign-in options for a typed email, with the address's lookup fresh (one DynamoDB read, no Cognito
 * call) and with it stale (the pool asked, AdminGetUser, and its answer recorded: the path of a first
 * request, and what every request cost before the lookup), in one run against the local stack; and
 * the calls of a link request for a known address. The api runs in this process over counted clients.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { apiGatewayClientIp, cognitoAccessTokens, createApp } from "@latchkey/api";
import { createDeps } from "@latchkey/api/create-deps";
import { cognitoDirectory, sesMailer } from "@latchkey/core/aws";
import { startLocalStack } from "@latchkey/local";
import { countCalls } from "@latchkey/testkit/table";

const USERS = 20;
const ROUNDS = 10;
const stack = await startLocalStack({ env: { LATCHKEY_ALLOW_SIGN_UP: "false" } });
const { config } = stack;
const base = { region: stack.region, credentials: { accessKeyId: "local", secretAccessKey: "local" } };
const dynamodb = new DynamoDBClient({ ...base, endpoint: stack.urls.dynamodb });
const cognito = new CognitoIdentityProviderClient({ ...base, endpoint: stack.urls.cognito });
const ses = new SESv2Client({ ...base, endpoint: stack.urls.ses });
const calls = { dynamodb: countCalls(dynamodb), cognito: countCalls(cognito), ses: countCalls(ses) };

/** An api whose clock is `offsetMs()` ahead: a day on per request leaves every lookup stale. */
function api(offsetMs: () => number) {
  return createApp({
    ...createDeps(config, { accessTokens: cognitoAccessTokens(config), clientIp: apiGatewayClientIp }),
    table: { client: dynamodb, name: config.tableName },
    directory: cognitoDirectory(cognito, config.userPoolId),
    mailer: sesMailer(ses, config.magicLinks.senderAddress),
    clock: { now: () => Date.now() + offsetMs() },
  });
}
const post = (app: ReturnType<typeof api>, path: string, body: unknown) =>
  app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const emails = Array.from({ length: USERS }, (_, i) => `lookup-bench-${i}@example.com`);
for (const email of emails) await stack.createUser(email);

const fresh = api(() => 0);
let days = 0;
const stale = api(() => ++days * (config.magicLinks.addressLookupMaxAgeSeconds + 1) * 1000);

/** Median and spread of the options request, and the calls one request makes, by client and command. */
async function measure(app: ReturnType<typeof api>) {
  const samples: number[] = [];
  let perRequest: Record<string, Record<string, number>> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const email of emails) {
      for (const counter of Object.values(calls)) counter.reset();
      const started = performance.now();
      const response = await post(app, "/passkeys/authentication/options", { username: email });
      await response.arrayBuffer();
      samples.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`options: ${response.status}`);
      perRequest = Object.fromEntries(Object.entries(calls).map(([name, counter]) => [name, counter.byCommand]));
    }
  }
  const sorted = samples.sort((a, b) => a - b);
  const at = (q: number) => Math.round((sorted[Math.floor(q * (sorted.length - 1))] ?? 0) * 100) / 100;
  return { ms: { median: at(0.5), p90: at(0.9) }, calls: perRequest };
}

// Warm both paths (imports, connections) and record every lookup once.
for (const email of emails) await post(fresh, "/passkeys/authentication/options", { username: email });
await measure(stale);
const pool = await measure(stale);
for (const email of emails) await post(fresh, "/passkeys/authentication/options", { username: email });
const lookup = await measure(fresh);

// A link request for a known address whose lookup is fresh (recorded by the options above).
for (const counter of Object.values(calls)) counter.reset();
await post(fresh, "/magic-links", { email: emails[0], redirectUri: `${stack.urls.app}/blank.html` });
const linkRequest = Object.fromEntries(Object.entries(calls).map(([name, counter]) => [name, counter.byCommand]));

for (const client of [dynamodb, cognito, ses]) client.destroy();
await stack.close();
console.log(
  JSON.stringify({
    optionsWithEmailLookup: lookup,
    optionsWithEmailPool: pool,
    lookupToPoolMedianRatio: Math.round((lookup.ms.median / pool.ms.median) * 100) / 100,
    linkRequestKnownCalls: linkRequest,
  }),
);
