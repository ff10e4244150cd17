import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { createRegistrationOptions, passkeyPolicy, putCredential, verifyRegistration } from "@latchkey/core/passkeys";
import type { LocalStack } from "@latchkey/local";
import { type SoftAuthenticator, softAuthenticator } from "@latchkey/testkit/passkeys";
import { customAuthSignIn, type SignInOutcome } from "./cognito.ts";
import { passkeyAssertion } from "./passkey-api.ts";

export interface PasskeyUser {
  email: string;
  username: string;
  softKey: SoftAuthenticator;
}

/**
 * A new account with a passkey on a software authenticator, and no email sent: the passkey is
 * verified as registration would verify it and stored in the table directly. For suites whose first
 * email to the user must be the one they test (one email a minute per address).
 */
export async function passkeyUser(stack: LocalStack, email: string): Promise<PasskeyUser> {
  const { username } = await stack.createUser(email);
  const policy = passkeyPolicy(stack.config);
  const softKey = softAuthenticator();
  const nowMs = Date.now();
  const creation = createRegistrationOptions(policy, {
    username,
    displayName: email,
    rpId: "localhost",
    existing: [],
    nowMs,
  });
  const response = softKey.register(creation, { origin: stack.urls.app });
  const { credential } = await verifyRegistration(policy, { response, username, nowMs });
  const table = { client: stack.clients.dynamodb, name: stack.config.tableName };
  await putCredential(table, {
    ...credential,
    friendlyName: "Soft key",
    createdAt: new Date().toISOString(),
    lastUsedAt: undefined,
  });
  return { email, username, softKey };
}

/** A CUSTOM_AUTH PASSKEY sign-in of the user, as the browser makes it; `clientMetadata` goes along. */
export async function passkeySignIn(
  stack: LocalStack,
  cognito: CognitoIdentityProviderClient,
  user: PasskeyUser,
  clientMetadata?: Record<string, string>,
): Promise<SignInOutcome> {
  const assertion = await passkeyAssertion(stack, user.softKey, user.username);
  return customAuthSignIn(cognito, stack.clientId, {
    login: user.username,
    signInMethod: "PASSKEY",
    answer: JSON.stringify(assertion),
    ...(clientMetadata && { clientMetadata }),
  });
}
