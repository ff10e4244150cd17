export type { AlarmSettings } from "./alarm-settings.ts";
export type { AuditEventSettings } from "./audit-events.ts";
export { type BundleLambdaOptions, bundleLambda, LAMBDA_HANDLER } from "./bundle-lambda.ts";
export type { LatchkeyAlarms } from "./create-alarms.ts";
export type { EmailSettings } from "./email-settings.ts";
export { Latchkey } from "./latchkey.ts";
export type { LatchkeyProps, MagicLinkSettings, PasskeySettings, SmsSettings } from "./latchkey-props.ts";
