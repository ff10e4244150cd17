import { sharedStorage, stubBrowserWindow } from "@latchkey/testkit/client-session";
import { startTestPool, TEST_ANSWER } from "@latchkey/testkit/cognito-pool";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cognitoCall } from "../cognito.ts";
import { decodeJwtPayload } from "../jwt.ts";
import type { AuthState } from "../session/auth-state.ts";
import { configure, defaultSession, getTokens, getUser, signOut } from "../session/default-session.ts";
import { getSignInMethod } from "../session/sign-in-method.ts";
import { tokensFromResult } from "../session/tokens.ts";
import { signInWithAnswer } from "../sign-in-with-answer.ts";
import { stepUpWithAnswer } from "./step-up-with-answer.ts";

let pool: Awaited<ReturnType<typeof startTestPool>>;
let page: EventTarget;
let users = 0;

beforeAll(async () => {
  page = stubBrowserWindow();
  pool = await startTestPool();
});
afterAll(() => pool?.close());

let email: string;
beforeEach(async () => {
  configure({
    cognito: { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint },
    apiUrl: "http://127.0.0.1:9",
    storage: sharedStorage(page),
  });
  email = `step-up${++users}@example.com`;
  await pool.createUser(email);
  await signInWithAnswer({ username: email, signInMethod: "PASSKEY", answer: TEST_ANSWER });
});

const stepUp = (action?: string) =>
  stepUpWithAnswer({ signInMethod: "EMAIL_CODE", answer: async () => TEST_ANSWER, action });

/** Whether Cognito still takes this refresh token. */
const refreshes = (refreshToken: string | undefined) =>
  cognitoCall(pool.endpoint, "GetTokensFromRefreshToken", { ClientId: pool.clientId, RefreshToken: refreshToken }).then(
    () => true,
    () => false,
  );

describe("a step-up", () => {
  it("replaces the tokens with the same user's new ones, bound to the action, never leaving signed-in", async () => {
    const before = getTokens();
    const user = getUser();
    const states: AuthState["status"][] = [];
    defaultSession().subscribe((state) => states.push(state.status));
    const tokens = await stepUp("delete-passkey");
    expect(getTokens()).toEqual(tokens);
    expect(tokens.refreshToken).not.toBe(before?.refreshToken);
    expect(getUser()).toMatchObject({ sub: user?.sub, username: user?.username });
    const access = decodeJwtPayload(tokens.accessToken);
    expect(access).toMatchObject({ step_up_action: "delete-passkey", sub: user?.sub });
    expect(access.origin_jti).not.toBe(decodeJwtPayload(before?.accessToken ?? "").origin_jti);
    expect(getSignInMethod()).toBe("EMAIL_CODE");
    expect(new Set(states)).toEqual(new Set(["signed-in"]));
    // The sign-in it replaced ends: its refresh token is revoked (asynchronously, best effort).
    await expect.poll(() => refreshes(before?.refreshToken)).toBe(false);
    expect(await refreshes(tokens.refreshToken)).toBe(true);
  });

  it("without an action gives an unbound access token", async () => {
    const tokens = await stepUp();
    expect(decodeJwtPayload(tokens.accessToken)).not.toHaveProperty("step_up_action");
  });

  it("refuses tokens for another account and stores nothing of them", async () => {
    const before = getTokens();
    const strangerEmail = `stranger${users}@example.com`;
    await pool.createUser(strangerEmail);
    const stranger = await pool.signIn(strangerEmail);
    const foreign = tokensFromResult({
      IdToken: stranger.idToken,
      AccessToken: stranger.accessToken,
      RefreshToken: stranger.refreshToken,
    });
    await expect(defaultSession().stepUp(async () => foreign)).rejects.toMatchObject({ code: "STEP_UP_USER_MISMATCH" });
    expect(getTokens()).toEqual(before);
    // Neither kept nor left alive.
    await expect.poll(() => refreshes(stranger.refreshToken)).toBe(false);
    expect(await refreshes(before?.refreshToken)).toBe(true);
  });

  it("refuses tokens whose access token is another account's, though the ID token is right", async () => {
    const before = getTokens();
    const strangerEmail = `half-stranger${users}@example.com`;
    await pool.createUser(strangerEmail);
    const stranger = await pool.signIn(strangerEmail);
    const mixed = { ...(before as NonNullable<typeof before>), accessToken: stranger.accessToken };
    await expect(defaultSession().stepUp(async () => mixed)).rejects.toMatchObject({ code: "STEP_UP_USER_MISMATCH" });
    expect(getTokens()).toEqual(before);
  });

  it("stores nothing when the user signed out while it was under way", async () => {
    let fresh: string | undefined;
    const stepping = defaultSession().stepUp(async (user) => {
      await signOut();
      const again = await pool.signIn(user.username);
      fresh = again.refreshToken;
      return tokensFromResult({
        IdToken: again.idToken,
        AccessToken: again.accessToken,
        RefreshToken: again.refreshToken,
      });
    });
    await expect(stepping).rejects.toMatchObject({ code: "NOT_SIGNED_IN" });
    expect(getTokens()).toBeUndefined();
    await expect.poll(() => refreshes(fresh)).toBe(false);
  });

  it("refuses a malformed action before it proves anything", async () => {
    const before = getTokens();
    for (const action of ["Delete", "delete passkey", "", "a".repeat(33)]) {
      await expect(stepUp(action)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(getTokens()).toEqual(before);
  });

  it("needs a signed-in user", async () => {
    await signOut();
    await expect(stepUp()).rejects.toMatchObject({ code: "NOT_SIGNED_IN" });
  });
});
