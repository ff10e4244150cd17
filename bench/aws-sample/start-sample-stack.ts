import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { cognitoDirectory } from "@latchkey/core/aws";
import { startCognitoEmulator } from "@latchkey/local";
import type { HandlerName } from "./bundle-handlers.ts";
import { sampleEnv } from "./sample-env.ts";

export const SAMPLE_POOL = {
  region: "us-east-1",
  userPoolId: "us-east-1_Sample001",
  clientId: "samplebenchclient00000001",
};

// biome-ignore lint/suspicious/noExplicitAny: the sample's handlers are plain JavaScript, typed by their events.
type Handler = (event: any, context?: unknown, callback?: unknown) => Promise<any>;
const load = async (bundle: string): Promise<Handler> => (await import(bundle)).handler;

/**
 * The AWS sample's published handlers (bundled), in this process, as its construct wires them: define, create and
 * verify as the triggers of a second Cognito emulator pool, and its usernameless challenge API behind
 * an HTTP server (API Gateway's REST proxy event, minimally) as our api is. Its credentials API is called
 * in-process to register passkeys, with the ID-token claims API Gateway's Cognito authorizer would pass.
 */
export async function startSampleStack(
  urls: Parameters<typeof sampleEnv>[0] & { cognitoProxy: string },
  bundles: Record<HandlerName, string>,
) {
  Object.assign(process.env, sampleEnv(urls), { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: urls.cognitoProxy });
  const [define, create, verify, challengeApi, credentialsApi] = await Promise.all([
    load(bundles["sample:define"]),
    load(bundles["sample:create"]),
    load(bundles["sample:verify"]),
    load(bundles["sample:challengeApi"]),
    load(bundles["sample:credentialsApi"]),
  ]);
  const pool = await startCognitoEmulator({
    region: SAMPLE_POOL.region,
    userPoolId: SAMPLE_POOL.userPoolId,
    clientIds: [SAMPLE_POOL.clientId],
    triggers: { defineAuthChallenge: define, createAuthChallenge: create, verifyAuthChallengeResponse: verify },
  });
  const api = createServer(async (req, res) => {
    for await (const _ of req);
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const answer = await challengeApi(
      { path, httpMethod: req.method, headers: req.headers, body: null },
      {},
      () => undefined,
    );
    res.writeHead(answer.statusCode, answer.headers);
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  const admin = new CognitoIdentityProviderClient({
    region: SAMPLE_POOL.region,
    endpoint: pool.url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const directory = cognitoDirectory(admin, SAMPLE_POOL.userPoolId);

  const credentials = async (path: string, user: { username: string; email: string }, body?: unknown) => {
    const claims = { token_use: "id", sub: user.username, email: user.email, "cognito:username": user.username };
    const answer = await credentialsApi(
      {
        path,
        queryStringParameters: { rpId: "localhost" },
        body: body === undefined ? null : JSON.stringify(body),
        headers: {},
        requestContext: { authorizer: { claims } },
      },
      {},
      () => undefined,
    );
    if (answer.statusCode !== 200) throw new Error(`sample ${path}: ${answer.statusCode} ${answer.body}`);
    return JSON.parse(answer.body);
  };

  return {
    cognitoUrl: pool.url,
    challengeUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
    async createUser(email: string) {
      const user = await directory.createUser(email);
      if (!user) throw new Error(`the sample pool already holds ${email}`);
      return user.username;
    },
    registrationOptions: (user: { username: string; email: string }) =>
      credentials("/register-authenticator/start", user),
    register: (user: { username: string; email: string }, body: unknown) =>
      credentials("/register-authenticator/complete", user, body),
    async close() {
      admin.destroy();
      await new Promise<void>((resolve) => {
        api.closeAllConnections();
        api.close(() => resolve());
      });
      await pool.close();
    },
  };
}
