import { LatchkeyError } from "@latchkey/core";
import { CognitoJwtInvalidClientIdError, CognitoJwtInvalidTokenUseError } from "aws-jwt-verify/error";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorAccessTokens } from "../src/emulator-access-tokens.ts";
import { claimsOf, clientId, startTestPool, type TestPool } from "./cognito/test-pool.ts";

describe("emulatorAccessTokens", () => {
  let pool: TestPool;
  let username: string;
  let tokens: { AccessToken: string; IdToken: string };
  beforeAll(async () => {
    pool = await startTestPool();
    username = await pool.createUser("ada@example.com");
    tokens = await pool.signIn(username);
  });
  afterAll(() => pool.close());

  /** The refusal is UNAUTHORIZED to the caller; its cause is the Cognito check that failed. */
  async function refusalOf(promise: Promise<unknown>): Promise<unknown> {
    const error = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(LatchkeyError);
    expect(error).toMatchObject({ code: "UNAUTHORIZED" });
    return (error as Error).cause;
  }

  it("accepts the emulator's access tokens, keys fetched over plain HTTP", async () => {
    expect(await emulatorAccessTokens(pool.emulator, [clientId]).verify(tokens.AccessToken)).toEqual({
      username,
      authTime: claimsOf(tokens.AccessToken).auth_time,
      issuedAt: claimsOf(tokens.AccessToken).iat,
      clientId,
    });
  });

  it("refuses the emulator's ID tokens", async () => {
    const verify = emulatorAccessTokens(pool.emulator, [clientId]).verify(tokens.IdToken);
    expect(await refusalOf(verify)).toBeInstanceOf(CognitoJwtInvalidTokenUseError);
  });

  it("refuses access tokens for another app client", async () => {
    const verify = emulatorAccessTokens(pool.emulator, ["otherclient"]).verify(tokens.AccessToken);
    expect(await refusalOf(verify)).toBeInstanceOf(CognitoJwtInvalidClientIdError);
  });
});
