/**
 * A bounded, seeded fuzz of every route of the api's route table, against the real local stack:
 * mutants of valid requests (bodies, raw bytes, content types, paths and path parameters, tokens,
 * origins, methods, headers) from signed-in users with real passkeys. Whatever is sent, the api answers
 * no 5xx, every error is a JSON {code, message} of the protocol's codes with nothing of the server's
 * insides in it, no forged or missing token passes a protected route, no one reaches another user's
 * passkey, nothing is logged as an error, and the api is as healthy after as before. A route added to
 * the table is fuzzed too (with a generic seed until it has one of its own). A failure prints the seed
 * that replays it.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../packages/protocol/src/index.ts";
import { cognitoClient } from "../e2e/support/cognito.ts";
import { registerSoftPasskey } from "../e2e/support/passkey-api.ts";
import { passkeySignIn, passkeyUser } from "../e2e/support/passkey-user.ts";
import { signInByEmailCode } from "../e2e/support/sign-in-by-email-code.ts";
import { type ApiFixture, type FuzzUser, makeSeed } from "./support/api-seeds.ts";
import { captureLogs } from "./support/capture-logs.ts";
import { checkApiResponse } from "./support/check-api-response.ts";
import { FUZZ_LIMITS } from "./support/fuzz-limits.ts";
import { type ApiCase, mutateRequest, unmutated } from "./support/mutate-request.ts";
import { fuzzSeed, replayHint, seededRandom } from "./support/random.ts";
import { type RawSend, rawClient } from "./support/raw-request.ts";
import { runPool } from "./support/run-pool.ts";

const FILE = "test/fuzz/api-routes.test.ts";
const SEED = fuzzSeed();
/** The budget: this many mutants per route (about 2,000 requests in all, with the seeds' own). */
const CASES_PER_ROUTE = 240;
const CONCURRENCY = 16;
const RELATED_ORIGIN = "https://related.example";

let stack: LocalStack;
let cognito: CognitoIdentityProviderClient;
let send: RawSend;
let fixture: ApiFixture;
let emails = 0;
let phoneNumbers = 0;
/**
 * Callers of their own for the step-up code route's cases, two a case (one email a minute per user),
 * signed in before the fuzzing so that their sign-ins do not load the machine while it runs.
 */
const stepUpUsers: FuzzUser[] = [];

async function signedIn(name: string): Promise<FuzzUser> {
  const email = `fuzz-${name}-${Date.now()}@example.com`;
  return { email, ...(await signInByEmailCode(stack, email)) };
}

async function signedInByPasskey(email: string): Promise<FuzzUser> {
  const user = await passkeyUser(stack, email);
  const outcome = await passkeySignIn(stack, cognito, user);
  if ("error" in outcome) throw new Error(`passkey sign-in failed: ${outcome.error}`);
  const { AccessToken = "", IdToken = "" } = outcome.tokens;
  return { email, username: user.username, accessToken: AccessToken, idToken: IdToken };
}

async function withPasskey(user: FuzzUser): Promise<string> {
  const softKey = softAuthenticator();
  await registerSoftPasskey(stack, user.accessToken, softKey);
  return softKey.id;
}

beforeAll(async () => {
  // A related origin, so that /.well-known/webauthn has a document to serve.
  stack = await startLocalStack({
    origins: [RELATED_ORIGIN],
    env: { ...FUZZ_LIMITS, LATCHKEY_RELATED_ORIGINS: RELATED_ORIGIN },
  });
  cognito = cognitoClient(stack);
  send = rawClient(stack.urls.api);
  const [caller, other, registrant] = await Promise.all([
    signedIn("caller"),
    signedIn("other"),
    signedIn("registrant"),
  ]);
  const [renameTarget, deleteTarget, otherCredential] = await Promise.all([
    withPasskey(caller),
    withPasskey(caller),
    withPasskey(other),
  ]);
  fixture = {
    apiUrl: stack.urls.api,
    appOrigin: stack.urls.app,
    caller,
    other,
    registrant,
    renameTarget,
    deleteTarget,
    otherCredential,
    newEmail: () => `fuzz-link-${++emails}-${Date.now()}@example.com`,
    newPhoneNumber: () => ++phoneNumbers,
    newSignedInUser: async () => {
      const user = stepUpUsers.pop();
      if (!user) throw new Error("the step-up code route's cases have used up their users");
      return user;
    },
  };
  const made = Array.from({ length: 2 * (CASES_PER_ROUTE + 1) }, (_, i) => i);
  await runPool(made, 4, async (i) => {
    stepUpUsers.push(await signedInByPasskey(`fuzz-step-up-${i}-${Date.now()}@example.com`));
  });
  // About 500 passkey sign-ins: seconds alone, a minute on a machine the whole suite is loading.
}, 180_000);
afterAll(async () => {
  cognito?.destroy();
  await stack?.close();
});

type RouteName = keyof typeof routes;
const routeNames = Object.keys(routes) as RouteName[];

/** What one case broke, for the failure report: which route, what was changed, what came back. */
function describeFailure(name: string, fuzzCase: ApiCase, problem: string, status?: number, body = "") {
  const { method, path } = fuzzCase.request;
  const where = `${method} ${path.length > 120 ? `${path.slice(0, 120)}…` : path}`;
  return `${name} [${fuzzCase.labels.join(" + ")}] ${where}: ${problem} (${status ?? "no answer"} ${body.slice(0, 200)})`;
}

/** The checks of one answer beyond the api's general promises: who may pass a protected route. */
function accessProblems(name: RouteName, fuzzCase: ApiCase, status: number): string[] {
  const ok = status >= 200 && status < 300;
  if (!ok || fuzzCase.request.method === "OPTIONS") return [];
  if (routes[name].auth !== "public" && fuzzCase.auth === "nobody") return ["a protected route let a bad token in"];
  const hasParam = routes[name].path.includes(":");
  if (hasParam && fuzzCase.auth === "other" && fuzzCase.paramKept) return ["another user's token reached the passkey"];
  return [];
}

describe("api fuzz", () => {
  it(`answers ${CASES_PER_ROUTE} mutants of each route's valid requests with no 5xx, leak or bad access`, async () => {
    const random = seededRandom(SEED);
    const plans = routeNames.flatMap((name) => {
      const routeRandom = random.fork();
      return Array.from({ length: CASES_PER_ROUTE }, () => ({ name, random: routeRandom.fork() }));
    });
    const failures: string[] = [];
    const logs = captureLogs();
    const statuses = new Map<RouteName, number[]>(routeNames.map((name) => [name, []]));
    const succeeded = new Set<RouteName>();
    await runPool(plans, CONCURRENCY, async ({ name, random: caseRandom }) => {
      const seed = await makeSeed(name, routes[name], fixture, caseRandom);
      const fuzzCase = mutateRequest(caseRandom, seed, fixture);
      let response: Awaited<ReturnType<RawSend>>;
      try {
        response = await send(fuzzCase.request);
      } catch (error) {
        failures.push(describeFailure(name, fuzzCase, `request failed: ${(error as Error).message}`));
        return;
      }
      statuses.get(name)?.push(response.status);
      if (response.status < 300 && fuzzCase.request.method !== "OPTIONS") succeeded.add(name);
      const sent = { origin: fuzzCase.request.headers.origin, method: fuzzCase.request.method };
      for (const problem of [
        ...checkApiResponse(sent, response, stack.config.passkeys.allowedOrigins),
        ...accessProblems(name, fuzzCase, response.status),
      ]) {
        failures.push(describeFailure(name, fuzzCase, problem, response.status, response.body));
      }
      await seed.cleanUp?.(response);
    }).finally(logs.restore);
    failures.push(...logs.errors.map((line) => `logged an error: ${line.slice(0, 300)}`));
    expect(failures.slice(0, 25), `${failures.length} failures; ${replayHint(SEED, FILE)}`).toEqual([]);
    // Not starved: every route answered every case, let some through to its handler's success, and
    // rate-limited few (raise the limits in FUZZ_LIMITS if that fails).
    for (const name of routeNames) {
      const answered = statuses.get(name) ?? [];
      const coverage = {
        answered: answered.length,
        succeeded: succeeded.has(name),
        limited: answered.filter((status) => status === 429).length <= CASES_PER_ROUTE / 10,
      };
      expect({ name, ...coverage }).toEqual({ name, answered: CASES_PER_ROUTE, succeeded: true, limited: true });
    }
  }, 120_000);

  it("still answers every route's valid request as before, and /health with 200", async () => {
    // Fresh passkeys to rename and delete: the mutants may have deleted the seeds' own.
    [fixture.renameTarget, fixture.deleteTarget] = await Promise.all([
      withPasskey(fixture.caller),
      withPasskey(fixture.caller),
    ]);
    const random = seededRandom(SEED);
    for (const name of routeNames) {
      const seed = await makeSeed(name, routes[name], fixture, random);
      const response = await send(unmutated(seed, fixture.appOrigin).request);
      expect({ name, status: response.status }).toEqual({
        name,
        status: expect.toSatisfy((status: number) => status >= 200 && status < 300),
      });
    }
    const listed = await fetch(`${stack.urls.api}${routes.listPasskeys.path}`, {
      headers: { authorization: `Bearer ${fixture.caller.accessToken}` },
    });
    const ids = ((await listed.json()) as { id: string }[]).map((passkey) => passkey.id);
    expect(ids).toContain(fixture.renameTarget);
    expect(ids).not.toContain(fixture.deleteTarget);
  });
});
