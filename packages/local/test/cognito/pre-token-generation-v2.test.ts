import { GetTokensFromRefreshTokenCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCognitoEmulator } from "../../src/cognito/index.ts";
import {
  claimsOf,
  clientId,
  expectCognitoError,
  region,
  startTestPool,
  type TestPool,
  userPoolId,
} from "./test-pool.ts";

/**
 * Pre token generation V2_0, as a pool with the Essentials or Plus feature plan runs it: one event for
 * both tokens (version "2", the access token's scopes in the request), and a response whose
 * accessTokenGeneration changes the access token as idTokenGeneration changes the ID token.
 */
describe("pre token generation V2_0", () => {
  let pool: TestPool;
  const events: PreTokenGenerationV2TriggerEvent[] = [];
  let respond: (event: PreTokenGenerationV2TriggerEvent) => unknown = () => undefined;

  beforeAll(async () => {
    pool = await startTestPool({
      triggers: {
        preTokenGeneration: undefined,
        preTokenGenerationV2: async (event) => {
          events.push(structuredClone(event));
          const response = respond(event);
          if (response !== undefined) (event as { response: unknown }).response = response;
          return event;
        },
      },
    });
  });
  afterAll(() => pool.close());

  it("sends AWS's V2 event on sign-in and on refresh, with the sign-in's ClientMetadata", async () => {
    events.length = 0;
    const username = await pool.createUser("v2-event@example.com");
    const { RefreshToken } = await pool.signIn(username, { stepUpAction: "delete-passkey" });
    await pool.client.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken, ClientMetadata: { via: "refresh" } }),
    );
    expect(events.map((event) => event.triggerSource)).toEqual([
      "TokenGeneration_Authentication",
      "TokenGeneration_RefreshTokens",
    ]);
    const [signIn, refresh] = events;
    expect(signIn).toMatchObject({ version: "2", region, userPoolId, userName: username });
    expect(Object.keys(signIn?.request ?? {})).toEqual([
      "userAttributes",
      "groupConfiguration",
      "scopes",
      "clientMetadata",
    ]);
    expect(signIn?.request).toMatchObject({
      scopes: ["aws.cognito.signin.user.admin"],
      clientMetadata: { stepUpAction: "delete-passkey" },
      userAttributes: { sub: username, email: "v2-event@example.com" },
    });
    expect(signIn?.response).toEqual({ claimsAndScopeOverrideDetails: {} });
    expect(refresh?.request.clientMetadata).toEqual({ via: "refresh" });
  });

  it("adds and suppresses claims and scopes in the access token, and claims in the ID token, never protected ones", async () => {
    respond = () => ({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { tier: "gold" }, claimsToSuppress: ["email_verified"] },
        accessTokenGeneration: {
          claimsToAddOrOverride: {
            step_up_action: "delete-passkey",
            sub: "forged",
            username: "forged",
            client_id: "x",
          },
          claimsToSuppress: ["auth_time"],
          scopesToAdd: ["latchkey/passkeys"],
          scopesToSuppress: ["aws.cognito.signin.user.admin"],
        },
      },
    });
    const username = await pool.createUser("v2-claims@example.com");
    const { AccessToken, IdToken } = await pool.signIn(username);
    const access = claimsOf(AccessToken);
    expect(access).toMatchObject({ step_up_action: "delete-passkey", sub: username, username, client_id: clientId });
    expect(typeof access.auth_time).toBe("number");
    expect(access.scope).toBe("latchkey/passkeys");
    const id = claimsOf(IdToken);
    expect(id).toMatchObject({ tier: "gold", sub: username });
    expect(id).not.toHaveProperty("email_verified");
    expect(id).not.toHaveProperty("step_up_action");
    respond = () => undefined;
  });

  it("leaves both tokens as they are for an empty response", async () => {
    const username = await pool.createUser("v2-empty@example.com");
    const { AccessToken } = await pool.signIn(username);
    expect(claimsOf(AccessToken)).not.toHaveProperty("step_up_action");
    expect(claimsOf(AccessToken).scope).toBe("aws.cognito.signin.user.admin");
  });

  it("fails the sign-in on a response Cognito cannot read", async () => {
    const username = await pool.createUser("v2-junk@example.com");
    for (const junk of [
      { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { n: 1 } } } },
      { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: "one" } } },
      { claimsAndScopeOverrideDetails: "all" },
    ]) {
      respond = () => junk;
      await expectCognitoError(pool.signIn(username), "InvalidLambdaResponseException", "Unrecognizable lambda output");
    }
    respond = () => undefined;
  });

  it("is one pool's only pre token generation trigger: not beside a V1_0 one", async () => {
    await expect(
      startCognitoEmulator({
        region,
        userPoolId,
        clientIds: [clientId],
        triggers: { preTokenGeneration: async (e) => e, preTokenGenerationV2: async (e) => e },
      }),
    ).rejects.toThrow("one pre token generation trigger");
  });
});
