/**
 * How long a request waits on an AWS dependency that accepted the connection and never answers, with
 * the default SDK timeouts (LATCHKEY_AWS_*_TIMEOUT_MS): the api's GET /passkeys over a hung DynamoDB
 * until its 503, POST /magic-links over a hung SES, and a passkey Verify trigger over a hung DynamoDB
 * until it throws (which must stay under Cognito's 5 seconds). Without timeouts the SDK waited for
 * DynamoDB's default socket timeout (300 s), that is, until the Lambda's own timeout.
 */
import { cognitoDirectory, createClients, sesMailer } from "@latchkey/core/aws";
import { ALICE, startTestApi } from "@latchkey/testkit/api";
import { verifyAuthChallengeEvent } from "@latchkey/testkit/cognito-events";
import { TEST_ORIGIN } from "@latchkey/testkit/config";
import { startHangingServer } from "@latchkey/testkit/faults";
import { magicLinkConfig } from "@latchkey/testkit/magic-links";
import { createTriggerDeps, createTriggers } from "@latchkey/triggers";

const ROUNDS = 3;
process.env.AWS_ACCESS_KEY_ID ??= "bench";
process.env.AWS_SECRET_ACCESS_KEY ??= "bench";
// The api logs every failure; the figures are what this bench prints.
console.error = () => {};

const hanging = await startHangingServer();
const config = magicLinkConfig({
  LATCHKEY_DYNAMODB_ENDPOINT: hanging.url,
  LATCHKEY_SES_ENDPOINT: hanging.url,
  LATCHKEY_COGNITO_ENDPOINT: hanging.url,
});
const clients = createClients(config);

async function rounds(run: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await run().catch(() => undefined);
    samples.push(Math.round(performance.now() - started));
  }
  return { medianMs: [...samples].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)], samples };
}

const table = await startTestApi(() => ({ table: { client: clients.dynamodb, name: config.tableName } }));
const token = table.signIn(ALICE);
const dynamodb = await rounds(async () => {
  const response = await table.call("GET", "", { token });
  if (response.status !== 503) throw new Error(`expected 503, got ${response.status}`);
});

const mail = await startTestApi(() => ({ mailer: sesMailer(clients.ses, config.magicLinks.senderAddress) }));
const ses = await rounds(async () => {
  const response = await mail.app.request("/magic-links", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ALICE.email, redirectUri: `${TEST_ORIGIN}/` }),
  });
  if (response.status !== 503) throw new Error(`expected 503, got ${response.status}`);
});

const pool = await startTestApi(() => ({ directory: cognitoDirectory(clients.cognito, config.userPoolId) }));
const cognito = await rounds(async () => {
  const response = await pool.call("POST", "/authentication/options", { body: { username: ALICE.email } });
  if (response.status !== 503) throw new Error(`expected 503, got ${response.status}`);
});

// The triggers' client is built as createClients builds it (dynamodbClient); this one is closed below.
const triggers = createTriggers({
  ...createTriggerDeps(config),
  table: { client: clients.dynamodb, name: config.tableName },
});
const answer = JSON.stringify({
  id: "AAAA",
  rawId: "AAAA",
  type: "public-key",
  response: {
    clientDataJSON: "e30",
    authenticatorData: "AAAA",
    signature: "AAAA",
  },
});
const verify = await rounds(() =>
  triggers.verifyAuthChallengeResponse(
    verifyAuthChallengeEvent({ username: ALICE.username, answer, signInMethod: "PASSKEY" }),
  ),
);

for (const client of Object.values(clients)) client.destroy();
await Promise.all([table.close(), mail.close(), pool.close(), hanging.close()]);
console.log(
  JSON.stringify({
    timeouts: config.aws,
    apiOverHungDynamodb: dynamodb,
    apiOverHungSes: ses,
    apiOverHungCognito: cognito,
    verifyTriggerOverHungDynamodb: verify,
    cognitoTriggerLimitMs: 5000,
  }),
);
