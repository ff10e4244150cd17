import {
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { LocalStack } from "@latchkey/local";
import { Amplify } from "aws-amplify";
import { fetchAuthSession } from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { ConsoleLogger, type KeyValueStorageInterface } from "aws-amplify/utils";
import { type SignInMail, waitForSignInMail } from "./sign-in-by-email.ts";

type Stack = Pick<LocalStack, "urls" | "userPoolId" | "clientId" | "region">;

/**
 * One Map seen two ways, like a browser's localStorage: as a Storage (what our client takes) and as
 * the async KeyValueStorage Amplify takes. In Node, Amplify would otherwise keep tokens out of sight.
 */
export function sharedStorage() {
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
  const amplifyStorage: KeyValueStorageInterface = {
    setItem: async (key, value) => storage.setItem(key, value),
    getItem: async (key) => storage.getItem(key),
    removeItem: async (key) => storage.removeItem(key),
    clear: async () => items.clear(),
  };
  return { items, storage, amplifyStorage };
}

/** Points Amplify at the stack's pool. Configure resets the token storage, so it is set after. */
export function configureAmplify(stack: Stack, storage: KeyValueStorageInterface): void {
  // Amplify warns of the custom endpoint on every configure: the local pool is the point here.
  ConsoleLogger.LOG_LEVEL = "ERROR";
  Amplify.configure({
    Auth: {
      Cognito: { userPoolId: stack.userPoolId, userPoolClientId: stack.clientId, userPoolEndpoint: stack.urls.cognito },
    },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
}

/** The key Amplify keeps one of a user's items under, e.g. "refreshToken" or "signInDetails". */
export const amplifyKey = (stack: Stack, username: string, item: string) =>
  `CognitoIdentityServiceProvider.${stack.clientId}.${username}.${item}`;

/** Amplify's signOut clears its storage without waiting for it: let that finish. */
export const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

/** POST /magic-links as a browser would, and the link and code from the email. */
export async function requestSignInMail(
  stack: Stack,
  email: string,
  extra: { bindingHash?: string } = {},
): Promise<SignInMail> {
  const since = Math.floor(Date.now() / 1000) - 1;
  const response = await fetch(`${stack.urls.api}/magic-links`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, redirectUri: `${stack.urls.app}/blank.html`, ...extra }),
  });
  if (response.status !== 202) throw new Error(`POST /magic-links answered ${response.status}`);
  return waitForSignInMail(stack, email, since);
}

/** The tokens Amplify holds now, as strings. */
export async function amplifyTokens() {
  const { tokens } = await fetchAuthSession();
  if (!tokens?.idToken) throw new Error("Amplify holds no tokens");
  return { accessToken: tokens.accessToken.toString(), idToken: tokens.idToken.toString() };
}

/** The stack's pool through the AWS SDK, to check what Amplify's tokens can still do. */
export function cognitoProbe(stack: Stack) {
  const client = new CognitoIdentityProviderClient({
    region: stack.region,
    endpoint: stack.urls.cognito,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const outcome = (call: Promise<unknown>) =>
    call.then(
      () => "accepted",
      (error: Error) => `${error.name}: ${error.message}`,
    );
  return {
    refresh: (refreshToken: string) =>
      outcome(
        client.send(new GetTokensFromRefreshTokenCommand({ ClientId: stack.clientId, RefreshToken: refreshToken })),
      ),
    getUser: (accessToken: string) => outcome(client.send(new GetUserCommand({ AccessToken: accessToken }))),
    /** GlobalSignOut from another device of the user. */
    signOutEverywhere: async (accessToken: string) => {
      await client.send(new GlobalSignOutCommand({ AccessToken: accessToken }));
    },
    destroy: () => client.destroy(),
  };
}
