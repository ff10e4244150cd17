/**
 * Sign-in options for a typed email, for addresses that own passkeys and for addresses nobody owns,
 * interleaved in one run against the local stack: the two must cost the same calls (the owner item's
 * read, then the query of a user's passkeys; no Cognito call) and take the same time, so that the
 * options route tells nobody which addresses are accounts. The api runs in this process over counted
 * clients.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { apiGatewayClientIp, cognitoAccessTokens, createApp } from "@latchkey/api";
import { createDeps } from "@latchkey/api/create-deps";
import { cognitoDirectory, sesMailer } from "@latchkey/core/aws";
import { startLocalStack } from "@latchkey/local";
import { countCalls } from "@latchkey/testkit/table";
import { passkeyUser } from "../test/e2e/support/passkey-user.ts";

const USERS = 20;
const ROUNDS = 10;
const stack = await startLocalStack({ env: { LATCHKEY_ALLOW_SIGN_UP: "false" } });
const { config } = stack;
const base = { region: stack.region, credentials: { accessKeyId: "local", secretAccessKey: "local" } };
const dynamodb = new DynamoDBClient({ ...base, endpoint: stack.urls.dynamodb });
const cognito = new CognitoIdentityProviderClient({ ...base, endpoint: stack.urls.cognito });
const ses = new SESv2Client({ ...base, endpoint: stack.urls.ses });
const calls = { dynamodb: countCalls(dynamodb), cognito: countCalls(cognito), ses: countCalls(ses) };
const table = { client: dynamodb, name: config.tableName };

const app = createApp({
  ...createDeps(config, { accessTokens: cognitoAccessTokens(config), clientIp: apiGatewayClientIp }),
  table,
  directory: cognitoDirectory(cognito, config.userPoolId),
  mailer: sesMailer(ses, config.magicLinks.senderAddress),
});
const post = (path: string, body: unknown) =>
  app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Users with a passkey each, registered as the api registers one for a verified email (no email sent). */
const owners = Array.from({ length: USERS }, (_, i) => `owner-bench-${i}@example.com`);
for (const email of owners) await passkeyUser(stack, email);
const nobodies = Array.from({ length: USERS }, (_, i) => `nobody-bench-${i}@example.com`);

const samples = { owner: [] as number[], nobody: [] as number[] };
const perRequest: Record<string, Record<string, Record<string, number>>> = {};
async function options(kind: "owner" | "nobody", email: string) {
  for (const counter of Object.values(calls)) counter.reset();
  const started = performance.now();
  const response = await post("/passkeys/authentication/options", { username: email });
  await response.arrayBuffer();
  samples[kind].push(performance.now() - started);
  if (response.status !== 200) throw new Error(`options: ${response.status}`);
  perRequest[kind] = Object.fromEntries(Object.entries(calls).map(([name, counter]) => [name, counter.byCommand]));
}

// Warm (imports, connections), then interleave the two kinds so that drift affects both alike.
for (let i = 0; i < USERS; i++) {
  await options("owner", owners[i] as string);
  await options("nobody", nobodies[i] as string);
}
samples.owner.length = 0;
samples.nobody.length = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < USERS; i++) {
    await options("owner", owners[i] as string);
    await options("nobody", nobodies[i] as string);
  }
}
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round((sorted[Math.floor(q * (sorted.length - 1))] ?? 0) * 100) / 100;
  return { median: at(0.5), p90: at(0.9) };
};

for (const client of [dynamodb, cognito, ses]) client.destroy();
await stack.close();
const [owner, nobody] = [summary(samples.owner), summary(samples.nobody)];
console.log(
  JSON.stringify({
    optionsOwnerMs: owner,
    optionsNobodyMs: nobody,
    ownerToNobodyMedianRatio: Math.round((owner.median / nobody.median) * 100) / 100,
    optionsCalls: perRequest,
  }),
);
