/**
 * What checking an access token with the pool adds to a management request, against the local stack:
 * the local JWT check alone, the pool's GetUser alone (the added call), and GET /passkeys through the
 * api in-process, with the pool check and with a stand-in that accepts every token (the difference
 * is the added cost). Cognito is the emulator on loopback here, so the GetUser figure is the
 * emulator's; in AWS the call is one HTTPS round trip to Cognito in the function's region.
 */
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createApp } from "@latchkey/api";
import { createDeps } from "@latchkey/api/create-deps";
import { cognitoDirectory } from "@latchkey/core/aws";
import { startLocalStack } from "@latchkey/local";
import { emulatorAccessTokens } from "../packages/local/src/emulator-access-tokens.ts";

const ROUNDS = 200;
const stack = await startLocalStack();
const email = "bench-management@example.com";

// A real sign-in by email code, as a browser makes it.
const since = Math.floor(Date.now() / 1000) - 1;
const requested = await fetch(`${stack.urls.api}/magic-links`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email, redirectUri: `${stack.urls.app}/blank.html` }),
});
if (requested.status !== 202) throw new Error(`POST /magic-links: ${requested.status}`);
const store = (await (await fetch(`${stack.urls.ses}/store?since=${since}`)).json()) as {
  emails: { destination: { to: string[] }; body: { text?: string } }[];
};
const text = store.emails.filter((m) => m.destination.to.includes(email)).at(-1)?.body.text ?? "";
const code = /\b(\d{6})$/m.exec(text)?.[1] ?? "";
const cognito = new CognitoIdentityProviderClient({
  region: stack.region,
  endpoint: stack.urls.cognito,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const started = await cognito.send(
  new InitiateAuthCommand({ AuthFlow: "CUSTOM_AUTH", ClientId: stack.clientId, AuthParameters: { USERNAME: email } }),
);
const answered = await cognito.send(
  new RespondToAuthChallengeCommand({
    ChallengeName: "CUSTOM_CHALLENGE",
    ClientId: stack.clientId,
    Session: started.Session,
    ChallengeResponses: { USERNAME: started.ChallengeParameters?.USERNAME ?? email, ANSWER: code },
    ClientMetadata: { signInMethod: "EMAIL_CODE" },
  }),
);
const token = answered.AuthenticationResult?.AccessToken;
if (!token) throw new Error("sign-in issued no access token");
cognito.destroy();

const jwt = emulatorAccessTokens(
  {
    issuer: `${stack.urls.cognito}/${stack.userPoolId}`,
    jwksUri: `${stack.urls.cognito}/${stack.userPoolId}/.well-known/jwks.json`,
  },
  stack.config.clientIds,
);
const directory = cognitoDirectory(stack.clients.cognito, stack.userPoolId);
const signedIn = await directory.userByAccessToken(token);
if (!signedIn) throw new Error("the pool refused the token");
const deps = createDeps(stack.config, { accessTokens: jwt, clientIp: () => undefined });
const checked = createApp(deps);
const unchecked = createApp({ ...deps, directory: { ...deps.directory, userByAccessToken: async () => signedIn } });
const listPasskeys = (app: typeof checked) => async () => {
  const response = await app.request("/passkeys", { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET /passkeys: ${response.status}`);
  await response.arrayBuffer();
};

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const at = performance.now();
    await run();
    samples.push(performance.now() - at);
  }
  return samples;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const ms = (value: number) => Math.round(value * 100) / 100;
  return { median: ms(at(0.5)), p90: ms(at(0.9)), max: ms(at(1)) };
}

const jwtCheck = await timed(() => jwt.verify(token));
const poolCheck = await timed(async () => {
  if (!(await directory.userByAccessToken(token))) throw new Error("the pool refused the token");
});
// Alternated, so that the machine's load falls on both alike.
const withCheck: number[] = [];
const withoutCheck: number[] = [];
for (let i = 0; i < 4; i++) {
  withCheck.push(...(await timed(listPasskeys(checked))));
  withoutCheck.push(...(await timed(listPasskeys(unchecked))));
}
await stack.close();

console.log(
  JSON.stringify({
    rounds: ROUNDS,
    jwtCheckMs: summary(jwtCheck),
    // The cost the pool check adds to every management request: one GetUser.
    poolCheckGetUserMs: summary(poolCheck),
    listPasskeysWithPoolCheckMs: summary(withCheck),
    listPasskeysWithoutPoolCheckMs: summary(withoutCheck),
  }),
);
