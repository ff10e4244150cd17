/**
 * LATCHKEY_LOCAL_DATA_DIR keeps a user whole across a restart of the local stack: the pool's user (same
 * username and sub) beside DynamoDB's passkeys and the challenge secret the table's keyed hashes are made
 * with, so a passkey registered before still signs its owner in, its address typed or not.
 * Sessions and tokens are not kept: the old refresh token is refused after the restart.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterAll, expect, it } from "vitest";
import { cognitoClient, customAuthSignIn, describeError } from "./support/cognito.ts";
import { passkeyAssertion, registerSoftPasskey } from "./support/passkey-api.ts";
import { signInByEmailCode } from "./support/sign-in-by-email-code.ts";

const dataDir = mkdtempSync(join(tmpdir(), "latchkey-data-"));
let stack: LocalStack | undefined;
afterAll(async () => {
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("keeps the pool's users beside DynamoDB's data: a passkey from before a restart signs its owner in", async () => {
  stack = await startLocalStack({ dataDir });
  const email = "kept@example.com";
  const before = await signInByEmailCode(stack, email);
  const softKey = softAuthenticator();
  await registerSoftPasskey(stack, before.accessToken, softKey);
  await stack.close();

  stack = await startLocalStack({ dataDir });
  const cognito = cognitoClient(stack);
  try {
    const signedIn = await customAuthSignIn(cognito, stack.clientId, {
      login: email,
      signInMethod: "PASSKEY",
      answer: JSON.stringify(await passkeyAssertion(stack, softKey, email)),
    });
    expect(signedIn).toMatchObject({ username: before.username, tokens: { IdToken: expect.any(String) } });
    // Usernameless too: the passkey's user handle names a user the pool still has.
    const usernameless = await passkeyAssertion(stack, softKey);
    const byHandle = await customAuthSignIn(cognito, stack.clientId, {
      login: before.username,
      signInMethod: "PASSKEY",
      answer: JSON.stringify(usernameless),
    });
    expect(byHandle).toMatchObject({ username: before.username });
    const refresh = cognito
      .send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: stack.clientId,
          AuthParameters: { REFRESH_TOKEN: before.refreshToken },
        }),
      )
      .then(() => ({ error: "none" }), describeError);
    expect(await refresh).toMatchObject({ error: expect.stringContaining("NotAuthorizedException") });
  } finally {
    cognito.destroy();
  }
});
