/**
 * Cold start of the trigger Lambda on its first answer: a passkey answer (which loads the WebAuthn code
 * on demand) against a magic-link answer. Each run is a fresh Node process that imports the deployed
 * bundle (esbuild, as the CDK construct builds it) and answers two Verify events against dynalite; the
 * figures are medians over RUNS processes per method, runs alternating.
 *   importMs: module init of the handler bundle (what Define and Create also pay)
 *   firstAnswerMs: the first Verify, including the on-demand load of that method's verifier
 *   secondAnswerMs: the next Verify in the same process (warm), so first - second ~ the lazy load
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseConfig } from "@latchkey/core";
import {
  aaguidDirectory,
  createAuthenticationOptions,
  createRegistrationOptions,
  passkeyPolicy,
  registerPasskey,
} from "@latchkey/core/passkeys";
import { ed25519Signer } from "@latchkey/core/signing";
import { newSigningKeyPem, TEST_CLIENT } from "@latchkey/testkit/config";
import { issueTestLink, testEmailOf } from "@latchkey/testkit/magic-links";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { startTestTable } from "@latchkey/testkit/table";
import { bundleLambda } from "../packages/cdk/src/bundle-lambda.ts";
import { handlerEntries } from "../packages/cdk/src/handler-entries.ts";
import { freshProcessEnv } from "./fresh-process-env.ts";

const RUNS = 7;
const ORIGIN = "https://app.example.com";
const USER = "c01d0000-0000-4000-8000-000000000001";
const work = mkdtempSync(join(tmpdir(), "latchkey-trigger-cold-"));
const table = await startTestTable("latchkey");

const env = freshProcessEnv({
  LATCHKEY_CLIENT_IDS: TEST_CLIENT,
  LATCHKEY_TABLE_NAME: table.name,
  LATCHKEY_DYNAMODB_ENDPOINT: table.endpoint,
  LATCHKEY_CHALLENGE_SECRET: Buffer.alloc(32, 7).toString("base64"),
  LATCHKEY_RP_IDS: "example.com",
  LATCHKEY_ALLOWED_ORIGINS: ORIGIN,
  LATCHKEY_SIGNING_KEY_PEM: newSigningKeyPem(),
  LATCHKEY_AAGUID_SOURCE: "",
});
const config = parseConfig(env);
const deps = {
  config,
  table,
  signer: ed25519Signer(env.LATCHKEY_SIGNING_KEY_PEM ?? ""),
  clock: { now: () => Date.now() },
};
const policy = passkeyPolicy(config);

const softKey = softAuthenticator();
const creation = createRegistrationOptions(policy, {
  username: USER,
  displayName: USER,
  rpId: "example.com",
  existing: [],
  nowMs: Date.now(),
});
await registerPasskey(
  { policy, table, clock: deps.clock, aaguids: aaguidDirectory("") },
  { username: USER, response: softKey.register(creation, { origin: ORIGIN }) },
);

const dir = join(work, "triggers");
bundleLambda({ entry: handlerEntries.triggers, outdir: dir });

function event(userName: string, signInMethod: string, answer: string) {
  return {
    version: "1",
    region: "us-east-1",
    userPoolId: config.userPoolId,
    userName,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: TEST_CLIENT },
    triggerSource: "VerifyAuthChallengeResponse_Authentication",
    request: {
      userAttributes: {
        sub: userName,
        email: testEmailOf(userName),
        email_verified: "true",
        "cognito:user_status": "CONFIRMED",
      },
      privateChallengeParameters: {},
      challengeAnswer: answer,
      clientMetadata: { signInMethod },
    },
    response: { answerCorrect: null },
  };
}

const child = `
const events = JSON.parse(process.env.BENCH_EVENTS);
const t0 = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE);
const t1 = performance.now();
const first = await handler(events[0]);
const t2 = performance.now();
const second = await handler(events[1]);
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstAnswerMs: t2 - t1, secondAnswerMs: t3 - t2,
  correct: [first.response.answerCorrect, second.response.answerCorrect] }));
// The SDK keeps its connections open, as it should in Lambda; this process is done.
process.exit(0);
`;

type Run = { importMs: number; firstAnswerMs: number; secondAnswerMs: number };

/** Asynchronously: dynalite runs in this process and must keep answering while the child runs. */
async function run(events: unknown[]): Promise<Run> {
  const { stdout: output } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", child], {
    env: { ...env, BENCH_BUNDLE: join(dir, "index.mjs"), BENCH_EVENTS: JSON.stringify(events) },
    encoding: "utf8",
    timeout: 60_000,
  });
  const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}");
  if (!result.correct?.every(Boolean)) throw new Error(`an answer was refused: ${output}`);
  return result as Run;
}

const passkeyAnswer = () => {
  const options = createAuthenticationOptions(policy, {
    username: "",
    rpId: "example.com",
    credentials: [],
    nowMs: Date.now(),
  });
  return event(USER, "PASSKEY", JSON.stringify(softKey.authenticate(options, { origin: ORIGIN })));
};
const magicLinkAnswer = async (username: string) =>
  event(username, "MAGIC_LINK", (await issueTestLink(deps, username)).token);

const samples = { passkey: [] as Run[], magicLink: [] as Run[] };
for (let i = 0; i < RUNS; i++) {
  samples.passkey.push(await run([passkeyAnswer(), passkeyAnswer()]));
  samples.magicLink.push(await run([await magicLinkAnswer(`ml-a-${i}`), await magicLinkAnswer(`ml-b-${i}`)]));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const summary = (runs: Run[]) => ({
  importMs: Math.round(median(runs.map((r) => r.importMs)) * 10) / 10,
  firstAnswerMs: Math.round(median(runs.map((r) => r.firstAnswerMs)) * 10) / 10,
  secondAnswerMs: Math.round(median(runs.map((r) => r.secondAnswerMs)) * 10) / 10,
});
const passkey = summary(samples.passkey);
const magicLink = summary(samples.magicLink);
await table.close();
rmSync(work, { recursive: true, force: true });
console.log(
  JSON.stringify({
    runs: RUNS,
    passkey,
    magicLink,
    passkeyColdTotalMs: Math.round((passkey.importMs + passkey.firstAnswerMs) * 10) / 10,
    magicLinkColdTotalMs: Math.round((magicLink.importMs + magicLink.firstAnswerMs) * 10) / 10,
  }),
);
