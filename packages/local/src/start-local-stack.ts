import { createServer } from "node:http";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { createApp } from "@latchkey/api";
import { createAdminApp } from "@latchkey/api/admin";
import { createAdminDeps } from "@latchkey/api/admin/create-deps";
import { createDeps } from "@latchkey/api/create-deps";
import type { LatchkeyConfig, Mailer } from "@latchkey/core";
import { type AwsClients, cognitoDirectory, createClients, sesMailer } from "@latchkey/core/aws";
import { createTriggerDeps, createTriggers } from "@latchkey/triggers";
import { adminGateway } from "./admin/admin-gateway.ts";
import { startAppServer } from "./app-server.ts";
import { type CognitoTriggers, startCognitoEmulator } from "./cognito/index.ts";
import { ensureTable, startDynamo } from "./dynamodb.ts";
import { emulatorAccessTokens } from "./emulator-access-tokens.ts";
import { startEventBus } from "./events/start-event-bus.ts";
import { keptChallengeSecret } from "./kept-challenge-secret.ts";
import { closeServer, listen } from "./listen.ts";
import {
  LOCAL_ADMIN_CREDENTIALS,
  LOCAL_ADMIN_PRINCIPAL,
  LOCAL_CLIENT_ID,
  LOCAL_POOL_ID,
  LOCAL_REGION,
  localConfig,
} from "./local-config.ts";
import { startSes } from "./ses.ts";
import { startSmsOutbox } from "./sms/start-sms-outbox.ts";
import { socketClientIp } from "./socket-client-ip.ts";

/** In the data directory, beside DynamoDB's files: the emulator's users, so that passkeys keep their owners. */
const USERS_FILE = "cognito-users.json";

export interface LocalStackPorts {
  cognito: number;
  dynamodb: number;
  ses: number;
  sms: number;
  events: number;
  api: number;
  /** The admin API, SigV4-checked as API Gateway's IAM authorization does. */
  admin: number;
  app: number;
}

export interface LocalStackOptions {
  /** 0 (the default for each) picks a free port. */
  ports?: Partial<LocalStackPorts>;
  /** LATCHKEY_* settings that override the local defaults. */
  env?: Record<string, string>;
  /**
   * A directory that keeps DynamoDB's data (LevelDB) and the emulator's users between runs; in memory
   * when unset. Sessions and tokens are not kept: a restart signs everyone out.
   */
  dataDir?: string;
  /** Origins besides the app server's that the api accepts (CORS, WebAuthn, magic-link redirects): your own app's. */
  origins?: string[];
  /** A demo app's directory (public/ and src/main.tsx) for the app server to serve, as examples/web is. */
  demo?: string;
}

export interface LocalStack {
  config: LatchkeyConfig;
  region: string;
  userPoolId: string;
  clientId: string;
  urls: {
    cognito: string;
    api: string;
    admin: string;
    app: string;
    ses: string;
    sms: string;
    events: string;
    dynamodb: string;
  };
  clients: AwsClients;
  createUser(email: string): Promise<{ username: string }>;
  close(): Promise<void>;
}

/** The whole stack on loopback, in this process: the same handlers that run in AWS. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const ports = { cognito: 0, dynamodb: 0, ses: 0, sms: 0, events: 0, api: 0, admin: 0, app: 0, ...options.ports };
  // The SDK clients need credentials to sign with: the emulators take any signature, the admin API these.
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_ADMIN_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_ADMIN_CREDENTIALS.secretAccessKey;

  // The triggers need the config, and the config needs the emulator's URL: bind them once both exist.
  let triggers: ReturnType<typeof createTriggers> | undefined;
  const bound = (): ReturnType<typeof createTriggers> => {
    if (!triggers) throw new Error("the local stack is still starting");
    return triggers;
  };
  const cognitoTriggers: CognitoTriggers = {
    defineAuthChallenge: (event) => bound().defineAuthChallenge(event),
    createAuthChallenge: (event) => bound().createAuthChallenge(event),
    verifyAuthChallengeResponse: (event) => bound().verifyAuthChallengeResponse(event),
    // As the CDK's pool (Essentials feature plan): V2_0, so a step-up's action reaches the access token.
    preTokenGenerationV2: (event) => bound().preTokenGeneration(event),
  };
  // The pool mails its verification codes through the local SES too, from the stack's sender.
  let poolMailer: Mailer | undefined;
  const sendEmail: Mailer["send"] = (email) => {
    if (!poolMailer) throw new Error("the local stack is still starting");
    return poolMailer.send(email);
  };

  const apiServer = createServer();
  const adminServer = createServer();
  const [cognito, dynamo, ses, sms, events, apiPort, adminPort] = await Promise.all([
    startCognitoEmulator({
      port: ports.cognito,
      region: LOCAL_REGION,
      userPoolId: LOCAL_POOL_ID,
      clientIds: [LOCAL_CLIENT_ID],
      triggers: cognitoTriggers,
      sendEmail,
      // As the CDK's pool: a user's new email applies only once verified.
      keepOriginalEmail: true,
      ...(options.dataDir && { usersFile: join(options.dataDir, USERS_FILE) }),
    }),
    startDynamo({ port: ports.dynamodb, ...(options.dataDir && { path: options.dataDir }) }),
    startSes({ port: ports.ses }),
    startSmsOutbox({ port: ports.sms }),
    startEventBus({ port: ports.events, region: LOCAL_REGION }),
    listen(apiServer, ports.api),
    listen(adminServer, ports.admin),
  ]);
  const apiUrl = `http://localhost:${apiPort}`;
  const app = await startAppServer({
    port: ports.app,
    config: {
      region: LOCAL_REGION,
      userPoolId: LOCAL_POOL_ID,
      clientId: LOCAL_CLIENT_ID,
      cognitoEndpoint: cognito.url,
      apiUrl,
      sesUrl: ses.url,
      smsUrl: sms.url,
    },
    demo: options.demo,
  });

  const config = localConfig(
    {
      cognito: cognito.url,
      issuer: cognito.issuer,
      dynamodb: dynamo.endpoint,
      ses: ses.url,
      sms: sms.url,
      events: events.url,
      app: app.url,
    },
    {
      ...(options.dataDir && { LATCHKEY_CHALLENGE_SECRET: keptChallengeSecret(options.dataDir) }),
      ...options.env,
    },
    options.origins,
  );
  const clients = createClients(config);
  await ensureTable(clients.dynamodb, config.tableName);
  triggers = createTriggers(createTriggerDeps(config));
  poolMailer = sesMailer(clients.ses, config.magicLinks.senderAddress);
  const platform = { accessTokens: emulatorAccessTokens(cognito, config.clientIds), clientIp: socketClientIp };
  apiServer.on("request", getRequestListener(createApp(createDeps(config, platform)).fetch));
  const admin = adminGateway(createAdminApp(createAdminDeps(config)), {
    region: LOCAL_REGION,
    credentials: [{ ...LOCAL_ADMIN_CREDENTIALS, ...LOCAL_ADMIN_PRINCIPAL }],
  });
  adminServer.on("request", getRequestListener(admin));

  const directory = cognitoDirectory(clients.cognito, config.userPoolId);
  return {
    config,
    region: LOCAL_REGION,
    userPoolId: LOCAL_POOL_ID,
    clientId: LOCAL_CLIENT_ID,
    urls: {
      cognito: cognito.url,
      api: apiUrl,
      admin: `http://127.0.0.1:${adminPort}`,
      app: app.url,
      ses: ses.url,
      sms: sms.url,
      events: events.url,
      dynamodb: dynamo.endpoint,
    },
    clients,
    async createUser(email) {
      const user = await directory.createUser(email);
      if (!user) throw new Error(`an account already holds ${email}`);
      return { username: user.username };
    },
    async close() {
      await Promise.all([
        app.close(),
        closeServer(apiServer),
        closeServer(adminServer),
        cognito.close(),
        dynamo.close(),
        ses.close(),
        sms.close(),
        events.close(),
      ]);
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
