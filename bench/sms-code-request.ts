/**
 * SMS codes: the response-time envelope of POST /sms-codes per path (known number, unknown number,
 * over its budget), which must look the same from outside, and a redemption through Cognito. The
 * local outbox answers SendTextMessage at once; in AWS the text's own latency lies inside the envelope.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { cognitoDirectory } from "@latchkey/core/aws";
import { startLocalStack } from "@latchkey/local";
import { SMS_CODE_MIN_RESPONSE_MS } from "../packages/api/src/routes/sms-codes.ts";

const ROUNDS = 10;
const stack = await startLocalStack({
  env: {
    LATCHKEY_ALLOW_SIGN_UP: "false",
    // One text a number an hour, so each number's second request is the over-budget path; every
    // request comes from loopback, one network.
    LATCHKEY_SMS_MAX_PER_NUMBER_HOURLY: "1",
    LATCHKEY_SMS_MAX_PER_IP_HOURLY: "1000",
  },
});
const directory = cognitoDirectory(stack.clients.cognito, stack.userPoolId);

let ranges = 0;
const newNumber = () => `+4477${String(++ranges).padStart(4, "0")}0123`;

function newBrowser() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, bindingHash: createHash("sha256").update(verifier).digest("base64url") };
}

async function post(phoneNumber: string, bindingHash: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(`${stack.urls.api}/sms-codes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phoneNumber, bindingHash }),
  });
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { min: at(0), median: at(0.5), p90: at(0.9), max: at(1) };
}

// One untimed request first: the first call in a fresh process pays for lazy imports and connections.
const warmUp = newNumber();
await directory.createPhoneUser(warmUp);
await post(warmUp, newBrowser().bindingHash);

const known: number[] = [];
const unknown: number[] = [];
const limited: number[] = [];
const codes: { username: string; code: string; verifier: string }[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const phoneNumber = newNumber();
  const user = await directory.createPhoneUser(phoneNumber);
  const browser = newBrowser();
  const since = Math.floor(Date.now() / 1000);
  const first = await post(phoneNumber, browser.bindingHash);
  if (first.status !== 202) throw new Error(`known: ${first.status}`);
  known.push(first.ms);
  const { messages } = (await (await fetch(`${stack.urls.sms}/store?since=${since}`)).json()) as {
    messages: { destinationPhoneNumber: string; messageBody: string }[];
  };
  const text = messages.filter((m) => m.destinationPhoneNumber === phoneNumber).at(-1)?.messageBody ?? "";
  codes.push({ username: user?.username ?? "", code: text.slice(0, 6), verifier: browser.verifier });
  const second = await post(phoneNumber, newBrowser().bindingHash);
  if (second.status !== 429) throw new Error(`limited: ${second.status}`);
  limited.push(second.ms);
  const nobody = await post(newNumber(), newBrowser().bindingHash);
  if (nobody.status !== 202) throw new Error(`unknown: ${nobody.status}`);
  unknown.push(nobody.ms);
}

const cognito = new CognitoIdentityProviderClient({
  region: stack.region,
  endpoint: stack.urls.cognito,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const redeem: number[] = [];
for (const { username, code, verifier } of codes) {
  const started = performance.now();
  const init = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: "CUSTOM_AUTH",
      ClientId: stack.clientId,
      AuthParameters: { USERNAME: username },
    }),
  );
  const answered = await cognito.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: "CUSTOM_CHALLENGE",
      ClientId: stack.clientId,
      Session: init.Session,
      ChallengeResponses: { USERNAME: username, ANSWER: code },
      ClientMetadata: { signInMethod: "SMS_CODE", smsVerifier: verifier },
    }),
  );
  if (!answered.AuthenticationResult) throw new Error("redemption failed");
  redeem.push(performance.now() - started);
}
cognito.destroy();
await stack.close();

const all = [...known, ...unknown, ...limited];
console.log(
  JSON.stringify({
    minimumResponseMs: SMS_CODE_MIN_RESPONSE_MS,
    requestKnownMs: summary(known),
    requestUnknownMs: summary(unknown),
    requestOverBudgetMs: summary(limited),
    // The paths are indistinguishable when every response sits in the padded envelope.
    envelopeSpreadMs: Math.round(Math.max(...all) - Math.min(...all)),
    redeemCodeThroughCognitoMs: summary(redeem),
  }),
);
