/**
 * The wire contract between the browser client, the api, the triggers and the CDK construct. Types
 * only, apart from the route tables and the step-up claim's name and pattern, so the client imports it with `import type` and bundles nothing.
 */
export {
  type AdminErrorBody,
  type AdminErrorCode,
  type AdminPasskey,
  type AdminRoute,
  type AdminUser,
  adminRoutes,
  type PasskeysRevoked,
  type SignInsRevoked,
} from "./admin.ts";
export type { SignInClientMetadata } from "./client-metadata.ts";
export type { ErrorBody } from "./error-body.ts";
export type { ErrorCode } from "./error-code.ts";
export type { Health } from "./health.ts";
export type { MagicLinkAccepted, MagicLinkRequest } from "./magic-link-request.ts";
export type { Passkey } from "./passkey.ts";
export type { PasskeyAccount } from "./passkey-account.ts";
export type { AuthenticationOptions, RegistrationOptions } from "./passkey-options.ts";
export type { RelatedOrigins } from "./related-origins.ts";
export { type Route, type RouteAuth, routes } from "./routes.ts";
export type { SignInMethod } from "./sign-in-method.ts";
export type { SmsCodeAccepted, SmsCodeRequest } from "./sms-code-request.ts";
export {
  STEP_UP_ACTION_CLAIM,
  STEP_UP_ACTION_PATTERN,
  type StepUpAction,
  type StepUpCodeMethod,
  type StepUpCodeRequest,
  type StepUpCodeSent,
  type StepUpMethod,
} from "./step-up.ts";
