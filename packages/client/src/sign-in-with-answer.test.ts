import { startTestPool, TEST_ANSWER } from "@latchkey/testkit/cognito-pool";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { configure, defaultSession } from "./session/default-session.ts";
import { memoryStorage } from "./session/memory-storage.ts";
import { openChallenge, signInWithAnswer } from "./sign-in-with-answer.ts";

let pool: Awaited<ReturnType<typeof startTestPool>>;
let users = 0;
/** The operations the client sent Cognito, in order. */
const sent: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  pool = await startTestPool();
});
afterAll(async () => {
  await pool?.close();
});
beforeEach(() => {
  configure({
    cognito: { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint },
    apiUrl: "http://127.0.0.1:9",
    storage: memoryStorage(),
  });
  sent.length = 0;
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    const target = new Headers(init?.headers).get("x-amz-target");
    if (target) sent.push(target.replace("AWSCognitoIdentityProviderService.", ""));
    return realFetch(input, init);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

async function newUser(): Promise<string> {
  const email = `opened-${++users}@example.com`;
  await pool.createUser(email);
  return email;
}

const answer = { signInMethod: "EMAIL_CODE" as const, answer: TEST_ANSWER };

describe("a challenge opened before its answer", () => {
  it("is answered with the session it opened: one InitiateAuth, the sign-in as usual", async () => {
    const email = await newUser();
    const opened = openChallenge(defaultSession().config, email);
    const tokens = await signInWithAnswer({ username: email, ...answer, opened });
    expect(tokens.accessToken).toEqual(expect.any(String));
    expect(sent).toEqual(["InitiateAuth", "RespondToAuthChallenge"]);
  });

  it("is opened again once when its session expired while the answer was made", async () => {
    const email = await newUser();
    vi.useFakeTimers({ toFake: ["Date"] });
    const opened = openChallenge(defaultSession().config, email);
    await opened;
    vi.setSystemTime(Date.now() + 181_000);
    const tokens = await signInWithAnswer({ username: email, ...answer, opened });
    expect(tokens.accessToken).toEqual(expect.any(String));
    expect(sent).toEqual(["InitiateAuth", "RespondToAuthChallenge", "InitiateAuth", "RespondToAuthChallenge"]);
  });

  it("is not opened again for a wrong answer: the refusal stands", async () => {
    const email = await newUser();
    const opened = openChallenge(defaultSession().config, email);
    const refused = signInWithAnswer({ username: email, signInMethod: "EMAIL_CODE", answer: "wrong", opened });
    await expect(refused).rejects.toMatchObject({ code: "SIGN_IN_FAILED" });
    expect(sent).toEqual(["InitiateAuth", "RespondToAuthChallenge"]);
  });

  it("keeps a refusal of the opening until the answer is sent, and then throws it", async () => {
    const email = await newUser();
    await pool.disableUser(email);
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const opened = openChallenge(defaultSession().config, email);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).not.toHaveBeenCalled();
      await expect(signInWithAnswer({ username: email, ...answer, opened })).rejects.toMatchObject({
        code: "USER_DISABLED",
      });
      expect(sent).toEqual(["InitiateAuth"]);
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });
});
