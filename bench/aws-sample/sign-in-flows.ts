import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@latchkey/core/passkeys";
import type { SoftAuthenticator } from "@latchkey/testkit/passkeys";
import { type CallCounter, countCalls } from "@latchkey/testkit/table";

export interface Account {
  email: string;
  username: string;
  softKey: SoftAuthenticator;
}

export interface Side {
  api: string;
  cognito: string;
  clientId: string;
}

/** A browser's Cognito client for one pool: one per side, reused as a page reuses its connections. */
export function browserCognito(
  side: Side,
  region: string,
): { client: CognitoIdentityProviderClient; calls: CallCounter } {
  const client = new CognitoIdentityProviderClient({
    region,
    endpoint: side.cognito,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    // The SDK's default retries: a kept-alive connection the emulator closed as it was reused is retried.
    requestHandler: { requestTimeout: 10_000 },
  });
  return { client, calls: countCalls(client) };
}

async function postJson<T>(url: string, origin: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { origin, "content-type": "application/json" },
    signal: AbortSignal.timeout(10_000),
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

const initiateAuth = (cognito: CognitoIdentityProviderClient, clientId: string, login: string) =>
  cognito.send(
    new InitiateAuthCommand({ AuthFlow: "CUSTOM_AUTH", ClientId: clientId, AuthParameters: { USERNAME: login } }),
  );

async function customAuth(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  login: string,
  answer: (challenge: Record<string, string>) => { username?: string; answer: string } | Promise<{ answer: string }>,
  signInMethod: string,
  opened?: ReturnType<typeof initiateAuth>,
) {
  const started = await (opened ?? initiateAuth(cognito, clientId, login));
  const parameters = started.ChallengeParameters ?? {};
  const given = await answer(parameters);
  const answered = await cognito.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: "CUSTOM_CHALLENGE",
      ClientId: clientId,
      Session: started.Session,
      ChallengeResponses: { USERNAME: parameters.USERNAME ?? login, ANSWER: given.answer },
      ClientMetadata: { signInMethod },
    }),
  );
  if (!answered.AuthenticationResult?.IdToken) throw new Error(`${signInMethod} sign-in issued no tokens`);
}

/** The sample client's assertion shape (client/fido2.js parseAuthenticatorAssertionResponse). */
const sampleAssertion = (response: AuthenticationResponseJSON) =>
  JSON.stringify({
    credentialIdB64: response.rawId,
    authenticatorDataB64: response.response.authenticatorData,
    clientDataJSON_B64: response.response.clientDataJSON,
    signatureB64: response.response.signature,
    userHandleB64: response.response.userHandle ?? null,
  });

const fromHandle = (handle: string | undefined) => Buffer.from(handle ?? "", "base64url").toString("utf8");

export type Flow = (account: Account) => Promise<void>;

/**
 * Each sign-in as its browser client makes it. Ours (client/src/passkeys/sign-in-with-passkey.ts): the
 * api's options (without or with the typed address), the authenticator, then InitiateAuth and the
 * PASSKEY answer; with a typed address, InitiateAuth sent beside the options request. The sample's (client/fido2.js authenticateWithFido2): usernameless, its challenge
 * API, the authenticator, the user handle as username, InitiateAuth and the FIDO2 answer; with a typed
 * address, InitiateAuth first, whose challenge parameters carry the FIDO2 options.
 */
export function signInFlows(
  sides: { ours: Side; sample: Side; floor: Side & { login: string; answer: string } },
  origin: string,
  cognito: Record<"ours" | "sample" | "floor", CognitoIdentityProviderClient>,
) {
  const { ours, sample, floor } = sides;
  const ourOptions = (body: unknown) =>
    postJson<PublicKeyCredentialRequestOptionsJSON>(`${ours.api}/passkeys/authentication/options`, origin, body);
  const flows = {
    ourUsernameless: (async (account) => {
      const response = account.softKey.authenticate(await ourOptions({}), { origin });
      const login = fromHandle(response.response.userHandle);
      await customAuth(cognito.ours, ours.clientId, login, () => ({ answer: JSON.stringify(response) }), "PASSKEY");
    }) as Flow,
    // As the client does with a typed name: the challenge opened while the options are fetched.
    ourWithEmail: (async (account) => {
      const opened = initiateAuth(cognito.ours, ours.clientId, account.email);
      const options = ourOptions({ username: account.email });
      const answer = async () => ({
        answer: JSON.stringify(account.softKey.authenticate(await options, { origin })),
      });
      await customAuth(cognito.ours, ours.clientId, account.email, answer, "PASSKEY", opened);
    }) as Flow,
    sampleUsernameless: (async (account) => {
      const options = await postJson<{ challenge: string }>(`${sample.api}/sign-in-challenge`, origin);
      const response = account.softKey.authenticate({ challenge: options.challenge, rpId: "localhost" }, { origin });
      const login = fromHandle(response.response.userHandle);
      await customAuth(cognito.sample, sample.clientId, login, () => ({ answer: sampleAssertion(response) }), "FIDO2");
    }) as Flow,
    sampleWithEmail: (async (account) => {
      await customAuth(
        cognito.sample,
        sample.clientId,
        account.email,
        (parameters) => {
          const options = JSON.parse(parameters.fido2options ?? "{}") as { challenge: string };
          const response = account.softKey.authenticate(
            { challenge: options.challenge, rpId: "localhost" },
            { origin },
          );
          return { answer: sampleAssertion(response) };
        },
        "FIDO2",
      );
    }) as Flow,
  };
  /** A sign-in through the emulator whose triggers do nothing but issue tokens: the emulator's share. */
  const emulatorFloor: Flow = () =>
    customAuth(cognito.floor, floor.clientId, floor.login, () => ({ answer: floor.answer }), "NONE");
  return { ...flows, emulatorFloor };
}
