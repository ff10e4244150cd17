export { type AdminFetchInit, adminFetch } from "./admin/admin-fetch.ts";
export { startCognitoEmulator } from "./cognito/index.ts";
export { LOCAL_ADMIN_CREDENTIALS } from "./local-config.ts";
export type { OutboxMessage } from "./sms/text-message.ts";
export type { LocalStack, LocalStackOptions, LocalStackPorts } from "./start-local-stack.ts";
export { startLocalStack } from "./start-local-stack.ts";
