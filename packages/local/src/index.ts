export { startCognitoEmulator } from "./cognito/index.ts";
export type { OutboxMessage } from "./sms/text-message.ts";
export type { LocalStack, LocalStackOptions, LocalStackPorts } from "./start-local-stack.ts";
export { startLocalStack } from "./start-local-stack.ts";
