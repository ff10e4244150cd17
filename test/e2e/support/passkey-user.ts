import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import {
  aaguidDirectory,
  addressOwnerHash,
  createRegistrationOptions,
  passkeyPolicy,
  registerPasskey,
} from "@latchkey/core/passkeys";
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
 * registered as the api registers one for the account's verified email (so that email's owner), from
 * this process. For suites whose first email to the user must be the one they test (one email a
 * minute per address).
 */
export async function passkeyUser(stack: LocalStack, email: string): Promise<PasskeyUser> {
  const { username } = await stack.createUser(email);
  const { config } = stack;
  const policy = passkeyPolicy(config);
  const softKey = softAuthenticator();
  const creation = createRegistrationOptions(policy, {
    username,
    displayName: email,
    rpId: "localhost",
    existing: [],
    nowMs: Date.now(),
  });
  const table = { client: stack.clients.dynamodb, name: config.tableName };
  await registerPasskey(
    { policy, table, clock: { now: () => Date.now() }, aaguids: aaguidDirectory("") },
    {
      username,
      response: softKey.register(creation, { origin: stack.urls.app }),
      friendlyName: "Soft key",
      ownerAddressHash: addressOwnerHash(config.passkeys.challengeSecret, email),
    },
  );
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
