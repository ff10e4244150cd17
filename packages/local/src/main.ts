/**
 * `pnpm start`: the whole local stack on fixed, documented ports (override with LATCHKEY_LOCAL_*_PORT),
 * its coordinates in .local-stack.json at the repository root, and a clean stop on Ctrl-C.
 */
import { rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PUBLISHED_AAGUID_LIST } from "@latchkey/core";
import { type LocalStackPorts, startLocalStack } from "./start-local-stack.ts";

const defaults: LocalStackPorts = { app: 3000, api: 3001, cognito: 9229, dynamodb: 8000, ses: 8005 };

function port(name: keyof LocalStackPorts): number {
  const raw = process.env[`LATCHKEY_LOCAL_${name.toUpperCase()}_PORT`];
  return raw ? Number(raw) : defaults[name];
}

const stateFile =
  process.env.LATCHKEY_LOCAL_STATE_FILE ?? fileURLToPath(new URL("../../../.local-stack.json", import.meta.url));
const started = performance.now();
const stack = await startLocalStack({
  ports: { app: port("app"), api: port("api"), cognito: port("cognito"), dynamodb: port("dynamodb"), ses: port("ses") },
  ...(process.env.LATCHKEY_LOCAL_DATA_DIR && { dataDir: process.env.LATCHKEY_LOCAL_DATA_DIR }),
  // The demo names your authenticators from the published list (tests use a fixture or none).
  env: { LATCHKEY_AAGUID_SOURCE: process.env.LATCHKEY_AAGUID_SOURCE ?? PUBLISHED_AAGUID_LIST },
});
const state = {
  region: stack.region,
  userPoolId: stack.userPoolId,
  clientId: stack.clientId,
  cognitoEndpoint: stack.urls.cognito,
  apiUrl: stack.urls.api,
  appUrl: stack.urls.app,
  sesUrl: stack.urls.ses,
  dynamodbEndpoint: stack.urls.dynamodb,
  tableName: stack.config.tableName,
};
writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);

console.log(`Latchkey local stack is up (${Math.round(performance.now() - started)} ms)

  Demo app       ${stack.urls.app}
  Inbox (SES)    ${stack.urls.ses}
  API            ${stack.urls.api}
  Cognito        ${stack.urls.cognito}  (user pool ${stack.userPoolId}, client ${stack.clientId})
  DynamoDB       ${stack.urls.dynamodb}  (table ${stack.config.tableName})

Coordinates written to .local-stack.json. Press Ctrl-C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await stack.close();
  rmSync(stateFile, { force: true });
  console.log("stopped");
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
