export { startCognitoEmulator } from "./start-cognito-emulator.ts";
export type { CognitoEmail, CognitoEmulator, CognitoEmulatorOptions, CognitoTriggers } from "./types.ts";
