export * from "./cognito-directory.ts";
export * from "./count-dependency-calls.ts";
export * from "./create-clients.ts";
export * from "./create-signer.ts";
export * from "./event-bridge-audit-events.ts";
export * from "./ses-mailer.ts";
export * from "./sms-voice-sender.ts";
