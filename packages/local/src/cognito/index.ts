export { startCognitoEmulator } from "./start-cognito-emulator.ts";
export type { CognitoEmulator, CognitoEmulatorOptions, CognitoTriggers } from "./types.ts";
