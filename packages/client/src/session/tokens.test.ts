import { unsignedJwt } from "@latchkey/testkit/tokens";
import { beforeEach, describe, expect, it } from "vitest";
import { resolveConfig, type TokenStorage } from "./config.ts";
import { configure, defaultSession, getUser } from "./default-session.ts";
import { memoryStorage } from "./memory-storage.ts";
import { type TokenStore, type Tokens, tokenStoreFor } from "./tokens.ts";

const clientId = "client123";
const now = Math.floor(Date.now() / 1000);
const username = "5f0c7d3e-2a9b-4c1d-8e7f-6a5b4c3d2e1f";
const idToken = unsignedJwt({
  sub: username,
  "cognito:username": username,
  email: "ada@example.com",
  email_verified: true,
  auth_time: now,
  iat: now,
  exp: now + 3600,
});
const accessToken = unsignedJwt({ sub: username, username, token_use: "access", iat: now, exp: now + 3600 });
const tokens: Tokens = { idToken, accessToken, refreshToken: "refresh-1", expiresAt: (now + 3600) * 1000 };

/** A Storage-like object that records its keys, to check the layout from outside. */
function recordingStorage(): TokenStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const clientConfig = (storage: TokenStorage, tokenKeys?: "latchkey" | "amplify") => ({
  cognito: { userPoolId: "us-east-1_Test", clientId, endpoint: "http://127.0.0.1:9/" },
  apiUrl: "http://127.0.0.1:9",
  storage,
  autoRefresh: false,
  ...(tokenKeys && { tokenKeys }),
});

let store: TokenStore;
const setUp = (storage: TokenStorage, tokenKeys?: "latchkey" | "amplify") => {
  store = tokenStoreFor(resolveConfig(clientConfig(storage, tokenKeys)));
};

describe("token storage", () => {
  beforeEach(() => setUp(memoryStorage()));

  it("keeps tokens in one item per client and reads them back", () => {
    const storage = recordingStorage();
    setUp(storage);
    store.write(tokens);
    expect([...storage.items.keys()]).toEqual([`latchkey.${clientId}.tokens`]);
    expect(store.read()).toEqual(tokens);
    store.clear();
    expect(storage.items.size).toBe(0);
    expect(store.read()).toBeUndefined();
  });

  it("treats a corrupt or partial item as signed out", () => {
    const storage = recordingStorage();
    setUp(storage);
    storage.setItem(`latchkey.${clientId}.tokens`, "{not json");
    expect(store.read()).toBeUndefined();
    storage.setItem(`latchkey.${clientId}.tokens`, JSON.stringify({ accessToken: "a" }));
    expect(store.read()).toBeUndefined();
  });

  it("writes Amplify's keys, so an Amplify app sees the same session", () => {
    const storage = recordingStorage();
    setUp(storage, "amplify");
    store.write(tokens);
    const prefix = `CognitoIdentityServiceProvider.${clientId}`;
    expect(Object.fromEntries(storage.items)).toEqual({
      [`${prefix}.LastAuthUser`]: username,
      [`${prefix}.${username}.idToken`]: idToken,
      [`${prefix}.${username}.accessToken`]: accessToken,
      [`${prefix}.${username}.refreshToken`]: "refresh-1",
      // Amplify's drift: the token's issue time minus the local clock, in ms (here the clocks agree).
      [`${prefix}.${username}.clockDrift`]: "0",
    });
    expect(store.read()).toEqual(tokens);
    store.clear();
    expect(storage.items.size).toBe(0);
  });

  it("reads a session Amplify wrote, applying its clock drift", () => {
    const storage = recordingStorage();
    setUp(storage, "amplify");
    const prefix = `CognitoIdentityServiceProvider.${clientId}`;
    storage.setItem(`${prefix}.LastAuthUser`, username);
    storage.setItem(`${prefix}.${username}.idToken`, idToken);
    storage.setItem(`${prefix}.${username}.accessToken`, accessToken);
    storage.setItem(`${prefix}.${username}.refreshToken`, "from-amplify");
    storage.setItem(`${prefix}.${username}.clockDrift`, "5000");
    expect(store.read()).toEqual({
      idToken,
      accessToken,
      refreshToken: "from-amplify",
      expiresAt: tokens.expiresAt - 5000,
    });
  });

  it("works with memory storage when the environment has no localStorage", () => {
    store = tokenStoreFor(
      resolveConfig({
        cognito: { userPoolId: "us-east-1_Test", clientId },
        apiUrl: "http://127.0.0.1:9",
        autoRefresh: false,
      }),
    );
    store.write(tokens);
    expect(store.read()).toEqual(tokens);
  });
});

describe("getUser", () => {
  beforeEach(() => configure(clientConfig(memoryStorage())));

  it("decodes the ID token's claims", () => {
    tokenStoreFor(defaultSession().config).write(tokens);
    expect(getUser()).toEqual({
      username,
      sub: username,
      email: "ada@example.com",
      emailVerified: true,
      phoneNumber: undefined,
      phoneNumberVerified: false,
      authTime: now,
      claims: expect.objectContaining({ email: "ada@example.com", "cognito:username": username }),
    });
  });

  it("is undefined when signed out", () => {
    expect(getUser()).toBeUndefined();
  });
});
