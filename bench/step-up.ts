/**
 * What a step-up costs against the local stack: POST /step-up/codes through the api (the token's
 * GetUser, two DynamoDB writes, one mail; each round a user of its own, as one gets one email a
 * minute), and a passkey step-up's two Cognito calls, unbound and bound to an action (the difference
 * is what the V2_0 pre token generation trigger adds). Services are the local emulators on loopback,
 * so the figures are theirs and this process's; in AWS each call is a round trip in the region.
 */
import { startLocalStack } from "@latchkey/local";
import { cognitoClient } from "../test/e2e/support/cognito.ts";
import { type PasskeyUser, passkeySignIn, passkeyUser } from "../test/e2e/support/passkey-user.ts";

const ROUNDS = 60;
const stack = await startLocalStack();
const cognito = cognitoClient(stack);
const users: { user: PasskeyUser; accessToken: string }[] = [];
for (let i = 0; i < ROUNDS + 10; i++) {
  const user = await passkeyUser(stack, `bench-step-up-${i}-${Date.now()}@example.com`);
  const outcome = await passkeySignIn(stack, cognito, user);
  if (!("tokens" in outcome) || !outcome.tokens.AccessToken) throw new Error("no sign-in");
  users.push({ user, accessToken: outcome.tokens.AccessToken });
}

async function timed(runs: (() => Promise<unknown>)[]): Promise<number[]> {
  const samples: number[] = [];
  for (const run of runs) {
    const at = performance.now();
    await run();
    samples.push(performance.now() - at);
  }
  return samples;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const ms = (value: number) => Math.round(value * 100) / 100;
  return { median: ms(at(0.5)), p90: ms(at(0.9)), max: ms(at(1)) };
}

const requestCode = (accessToken: string) => async () => {
  const response = await fetch(`${stack.urls.api}/step-up/codes`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: "{}",
  });
  if (response.status !== 202) throw new Error(`POST /step-up/codes: ${response.status}`);
};
const stepUp = (user: PasskeyUser, action?: string) => async () => {
  const outcome = await passkeySignIn(stack, cognito, user, action ? { stepUpAction: action } : undefined);
  if (!("tokens" in outcome)) throw new Error(`step-up failed: ${outcome.error}`);
};

// Warm-up: the first request loads the mail and WebAuthn code.
const warm = users.slice(ROUNDS);
await timed(warm.map(({ accessToken }) => requestCode(accessToken)));
await timed(warm.map(({ user }) => stepUp(user)));

const codeRequests = await timed(users.slice(0, ROUNDS).map(({ accessToken }) => requestCode(accessToken)));
// Alternated, so that the machine's load falls on both alike.
const unbound: number[] = [];
const bound: number[] = [];
for (const { user } of users.slice(0, ROUNDS)) {
  unbound.push(...(await timed([stepUp(user)])));
  bound.push(...(await timed([stepUp(user, "delete-passkey")])));
}
cognito.destroy();
await stack.close();

console.log(
  JSON.stringify({
    rounds: ROUNDS,
    stepUpCodeRequestMs: summary(codeRequests),
    // Options from the api, then InitiateAuth and RespondToAuthChallenge (Define, Create, Verify, pre token).
    passkeyStepUpUnboundMs: summary(unbound),
    passkeyStepUpBoundMs: summary(bound),
  }),
);
