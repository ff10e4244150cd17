/**
 * What telemetry costs. (1) One invocation's closing line, as Verify writes it (two metrics in
 * Embedded Metric Format, JSON with every string masked), per invocation, written to /dev/null.
 * (2) A passkey sign-in against two local stacks alike but for the audit events: one sends them to its
 * event bus (SignInSucceeded from Verify, which the closing line waits for), one names no bus. Rounds
 * alternate, so the machine's load falls on both alike. Loopback figures: in AWS, PutEvents is a round
 * trip in the region, bounded by LATCHKEY_AUDIT_EVENTS_TIMEOUT_MS.
 */
import { createWriteStream } from "node:fs";
import { recordMetric, runInvocation } from "@latchkey/core/telemetry";
import { startLocalStack } from "@latchkey/local";
import { cognitoClient } from "../test/e2e/support/cognito.ts";
import { type PasskeyUser, passkeySignIn, passkeyUser } from "../test/e2e/support/passkey-user.ts";

const devNull = createWriteStream("/dev/null");
const toDevNull = (line: unknown) => void devNull.write(`${String(line)}\n`);
console.info = toDevNull;
console.error = toDevNull;

const LINES = 20_000;
const start = { flow: "verifyAuthChallengeResponse", requestId: undefined, msg: "trigger", namespace: "Latchkey" };
const line = () =>
  runInvocation(start, async (invocation) => {
    invocation.fields.method = "PASSKEY";
    recordMetric("SignInSucceeded", { Method: "PASSKEY" });
    recordMetric("VerifyLatency", { Method: "PASSKEY" }, 12.3);
  });
for (let i = 0; i < 2000; i++) await line();
const linesStarted = performance.now();
for (let i = 0; i < LINES; i++) await line();
const microsecondsPerLine = ((performance.now() - linesStarted) * 1000) / LINES;

const ROUNDS = 40;
const [withEvents, withoutEvents] = await Promise.all([
  startLocalStack(),
  startLocalStack({ env: { LATCHKEY_EVENT_BUS: "" } }),
]);
const setUp = async (stack: typeof withEvents, label: string) => {
  const cognito = cognitoClient(stack);
  const users: PasskeyUser[] = [];
  for (let i = 0; i < ROUNDS + 5; i++)
    users.push(await passkeyUser(stack, `bench-${label}-${i}-${Date.now()}@example.com`));
  const signIn = async (user: PasskeyUser) => {
    const at = performance.now();
    const outcome = await passkeySignIn(stack, cognito, user);
    if (!("tokens" in outcome)) throw new Error(`sign-in failed: ${outcome.error}`);
    return performance.now() - at;
  };
  return { cognito, users, signIn };
};
const a = await setUp(withEvents, "events");
const b = await setUp(withoutEvents, "none");
for (let i = ROUNDS; i < ROUNDS + 5; i++) {
  await a.signIn(a.users[i] as PasskeyUser);
  await b.signIn(b.users[i] as PasskeyUser);
}
const sent: number[] = [];
const unsent: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  sent.push(await a.signIn(a.users[i] as PasskeyUser));
  unsent.push(await b.signIn(b.users[i] as PasskeyUser));
}
const events = ((await (await fetch(`${withEvents.urls.events}/store`)).json()) as { events: unknown[] }).events.length;
a.cognito.destroy();
b.cognito.destroy();
await Promise.all([withEvents.close(), withoutEvents.close()]);

function summary(samples: number[]) {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const ms = (value: number) => Math.round(value * 100) / 100;
  return { median: ms(at(0.5)), p90: ms(at(0.9)) };
}

process.stdout.write(
  `${JSON.stringify({
    closingLineMicroseconds: Math.round(microsecondsPerLine * 10) / 10,
    passkeySignInMs: { withAuditEvents: summary(sent), withoutAuditEvents: summary(unsent) },
    eventsOnBus: events,
    rounds: ROUNDS,
  })}\n`,
);
