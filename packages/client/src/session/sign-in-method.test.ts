import { startTestPool, TEST_ANSWER } from "@latchkey/testkit/cognito-pool";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signInWithAnswer } from "../sign-in-with-answer.ts";
import type { TokenStorage } from "./config.ts";
import { configure, defaultSession, refreshTokens, signOut } from "./default-session.ts";
import { memoryStorage } from "./memory-storage.ts";
import { getSignInMethod } from "./sign-in-method.ts";
import { tokenStoreFor } from "./tokens.ts";

let pool: Awaited<ReturnType<typeof startTestPool>>;
let storage: TokenStorage;
const email = "method@example.com";

beforeAll(async () => {
  pool = await startTestPool();
  await pool.createUser(email);
});
afterAll(() => pool?.close());
beforeEach(() => {
  storage = memoryStorage();
  configure({
    cognito: { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint },
    apiUrl: "http://127.0.0.1:9",
    storage,
    autoRefresh: false,
  });
});

const signIn = (signInMethod: "PASSKEY" | "MAGIC_LINK" | "EMAIL_CODE") =>
  signInWithAnswer({ username: email, signInMethod, answer: TEST_ANSWER });

describe("getSignInMethod()", () => {
  it("tells how the current user signed in, through refreshes, until the next sign-in or sign-out", async () => {
    expect(getSignInMethod()).toBeUndefined();
    await signIn("EMAIL_CODE");
    expect(getSignInMethod()).toBe("EMAIL_CODE");
    await refreshTokens({ force: true });
    expect(getSignInMethod()).toBe("EMAIL_CODE");
    await signIn("PASSKEY");
    expect(getSignInMethod()).toBe("PASSKEY");
    await signOut();
    expect(getSignInMethod()).toBeUndefined();
  });

  it("is already set when the sign-in's state is published", async () => {
    const heard: (string | undefined)[] = [];
    defaultSession().subscribe((state) => {
      if (state.status === "signed-in") heard.push(getSignInMethod());
    });
    await signIn("MAGIC_LINK");
    expect(heard).toEqual(["MAGIC_LINK"]);
  });

  it("does not name the method of tokens another sign-in stored, however alike", async () => {
    const tokens = await signIn("MAGIC_LINK");
    const store = tokenStoreFor(defaultSession().config);
    // Tokens of a sign-in this client did not make (Amplify's, another app's), in the same storage.
    const other = await signInWithAnswer({ username: email, signInMethod: "PASSKEY", answer: TEST_ANSWER });
    store.write(tokens);
    expect(getSignInMethod()).toBeUndefined();
    store.write(other);
    expect(getSignInMethod()).toBe("PASSKEY");
  });
});
