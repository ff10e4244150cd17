import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@latchkey/core/passkeys";
import type { LocalStack } from "@latchkey/local";
import type { SoftAuthenticator } from "@latchkey/testkit/passkeys";

type Stack = Pick<LocalStack, "urls">;

/** A JSON call to the api from the demo's origin, as a page there makes it. */
async function post<T>(stack: Stack, path: string, body: unknown, accessToken?: string): Promise<T> {
  const response = await fetch(`${stack.urls.api}${path}`, {
    method: "POST",
    headers: {
      origin: stack.urls.app,
      "content-type": "application/json",
      ...(accessToken && { authorization: `Bearer ${accessToken}` }),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Registers a passkey on the software authenticator for the user the access token is for. */
export async function registerSoftPasskey(stack: Stack, accessToken: string, softKey: SoftAuthenticator) {
  const creation = await post<PublicKeyCredentialCreationOptionsJSON>(
    stack,
    "/passkeys/registration/options",
    {},
    accessToken,
  );
  const response = softKey.register(creation, { origin: stack.urls.app });
  await post(stack, "/passkeys/registration/verify", { response }, accessToken);
}

/** The authenticator's answer to the api's authentication options: usernameless without a username. */
export async function passkeyAssertion(
  stack: Stack,
  softKey: SoftAuthenticator,
  username?: string,
): Promise<AuthenticationResponseJSON> {
  const options = await post<PublicKeyCredentialRequestOptionsJSON>(
    stack,
    "/passkeys/authentication/options",
    username ? { username } : {},
  );
  return softKey.authenticate(options, { origin: stack.urls.app });
}
