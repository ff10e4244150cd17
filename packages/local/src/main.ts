/**
 * `pnpm start`: the whole local stack on fixed, documented ports (override with LATCHKEY_LOCAL_*_PORT),
 * `--origin <url>` for your own app, LATCHKEY_* settings from the environment, its coordinates in
 * .local-stack.json at the repository root (or LATCHKEY_LOCAL_STATE_FILE), and a clean stop on Ctrl-C.
 */
import { rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PUBLISHED_AAGUID_LIST } from "@latchkey/core";
import { startLocalStack } from "./start-local-stack.ts";
import { parseStartOptions, StartOptionsError } from "./start-options.ts";

function readOptions() {
  try {
    return parseStartOptions(
      process.argv.slice(2),
      process.env,
      fileURLToPath(new URL("../../../.local-stack.json", import.meta.url)),
    );
  } catch (error) {
    if (!(error instanceof StartOptionsError)) throw error;
    console.error(`latchkey local: ${error.message}`);
    process.exit(2);
  }
}

const { stateFile, ...options } = readOptions();
const started = performance.now();
const stack = await startLocalStack({
  ...options,
  // The demo names your authenticators from the published list (tests use a fixture or none).
  env: { LATCHKEY_AAGUID_SOURCE: PUBLISHED_AAGUID_LIST, ...options.env },
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

Allowed origins: ${stack.config.passkeys.allowedOrigins.join(", ")}
Coordinates written to ${stateFile}. Press Ctrl-C to stop.`);

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
