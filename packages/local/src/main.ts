#!/usr/bin/env node
/**
 * `latchkey-local` (and `pnpm start` here, with the demo): the whole local stack on fixed, documented
 * ports (override with LATCHKEY_LOCAL_*_PORT), `--origin <url>` for your own app, LATCHKEY_* settings
 * from the environment or `--set`, its coordinates in .local-stack.json in the current directory (or
 * LATCHKEY_LOCAL_STATE_FILE), and a clean stop on Ctrl-C.
 */
import { rmSync, writeFileSync } from "node:fs";
import { PUBLISHED_AAGUID_LIST } from "@latchkey/core";
import { startLocalStack } from "./start-local-stack.ts";
import { parseStartOptions, StartOptionsError, USAGE } from "./start-options.ts";
import { originWarnings, portInUseMessage } from "./start-warnings.ts";

function readOptions() {
  try {
    return parseStartOptions(process.argv.slice(2), process.env, ".local-stack.json");
  } catch (error) {
    if (!(error instanceof StartOptionsError)) throw error;
    console.error(`latchkey local: ${error.message}`);
    process.exit(2);
  }
}

const { stateFile, help, ...options } = readOptions();
if (help) {
  console.log(USAGE);
  process.exit(0);
}
for (const warning of originWarnings(options.origins ?? [])) console.warn(`latchkey local: ${warning}`);
const started = performance.now();
const stack = await startLocalStack({
  ...options,
  // The demo names your authenticators from the published list (tests use a fixture or none).
  env: { LATCHKEY_AAGUID_SOURCE: PUBLISHED_AAGUID_LIST, ...options.env },
}).catch((error: unknown) => {
  const message = portInUseMessage(error, options.ports ?? {});
  if (message === undefined) throw error;
  console.error(`latchkey local: ${message}`);
  // Whatever did start holds the process open: leave at once.
  process.exit(1);
});
const state = {
  region: stack.region,
  userPoolId: stack.userPoolId,
  clientId: stack.clientId,
  cognitoEndpoint: stack.urls.cognito,
  apiUrl: stack.urls.api,
  adminUrl: stack.urls.admin,
  appUrl: stack.urls.app,
  sesUrl: stack.urls.ses,
  smsUrl: stack.urls.sms,
  eventsUrl: stack.urls.events,
  dynamodbEndpoint: stack.urls.dynamodb,
  tableName: stack.config.tableName,
};
writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);

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

const appLine = options.demo
  ? `Demo app       ${stack.urls.app}`
  : `Client page    ${stack.urls.app}/blank.html  (the client as the global Latchkey)`;
console.log(`Latchkey local stack is up (${Math.round(performance.now() - started)} ms)

  ${appLine}
  Inbox (SES)    ${stack.urls.ses}
  Outbox (SMS)   ${stack.urls.sms}
  Audit events   ${stack.urls.events}
  API            ${stack.urls.api}
  Admin API      ${stack.urls.admin}  (SigV4 for execute-api, ${stack.region}: access key local, secret local)
  Cognito        ${stack.urls.cognito}  (user pool ${stack.userPoolId}, client ${stack.clientId})
  DynamoDB       ${stack.urls.dynamodb}  (table ${stack.config.tableName})

Allowed origins: ${stack.config.passkeys.allowedOrigins.join(", ")}
Coordinates written to ${stateFile}. Press Ctrl-C to stop.`);
