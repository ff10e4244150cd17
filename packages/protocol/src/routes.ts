import type { StepUpAction } from "./step-up.ts";

/** Who may call a route: anyone, a signed-in user (access token), or one whose sign-in is recent. */
export type RouteAuth = "public" | "access-token" | "recent-sign-in";

export interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Parameters as `:name`. */
  path: string;
  auth: RouteAuth;
  /**
   * With "recent-sign-in": the action the route performs. A token from a step-up bound to another
   * action does not count as a recent sign-in here; an unbound one does.
   */
  action?: StepUpAction;
}

/**
 * Every route of the HTTP API. The api serves exactly these and the CDK declares exactly these in API
 * Gateway (tests hold both to it), so anything else is a 404 that never invokes a function.
 */
export const routes = {
  /**
   * Body `{rpId?, mediation?}`; answers RegistrationOptions. `mediation: "conditional"` asks for options
   * for a passkey the browser makes without a prompt (conditional create): its verification then waives
   * user presence and user verification, which such a passkey may lack.
   */
  registrationOptions: {
    method: "POST",
    path: "/passkeys/registration/options",
    auth: "recent-sign-in",
    action: "register-passkey",
  },
  /** Body `{response: RegistrationResponseJSON, friendlyName?}`; answers 201 with the new Passkey. */
  registrationVerify: {
    method: "POST",
    path: "/passkeys/registration/verify",
    auth: "recent-sign-in",
    action: "register-passkey",
  },
  /** Answers the caller's Passkey[], oldest first. */
  listPasskeys: { method: "GET", path: "/passkeys", auth: "access-token" },
  /** Answers the caller's PasskeyAccount for the calling page's RP ID (for the WebAuthn Signal API). */
  passkeyAccount: { method: "GET", path: "/passkeys/account", auth: "access-token" },
  /** Body `{friendlyName}`; answers the renamed Passkey. */
  renamePasskey: { method: "PATCH", path: "/passkeys/:credentialId", auth: "access-token" },
  /** Answers 204; another user's passkey is a 404. */
  deletePasskey: {
    method: "DELETE",
    path: "/passkeys/:credentialId",
    auth: "recent-sign-in",
    action: "delete-passkey",
  },
  /** Body `{username?, rpId?}`, usernameless without a username; answers AuthenticationOptions. */
  authenticationOptions: { method: "POST", path: "/passkeys/authentication/options", auth: "public" },
  /** Body MagicLinkRequest; always answers 202 MagicLinkAccepted. */
  requestMagicLink: { method: "POST", path: "/magic-links", auth: "public" },
  /** Answers RelatedOrigins; a 404 when the deployment has none. Serve it at https://<RP ID>/.well-known/webauthn. */
  relatedOrigins: { method: "GET", path: "/.well-known/webauthn", auth: "public" },
  /** Body SmsCodeRequest; answers 202 SmsCodeAccepted, known number or not. */
  requestSmsCode: { method: "POST", path: "/sms-codes", auth: "public" },
  /** Body StepUpCodeRequest; emails the signed-in user a code for a step-up; answers 202 StepUpCodeSent. */
  requestStepUpCode: { method: "POST", path: "/step-up/codes", auth: "access-token" },
  /** Answers Health. */
  health: { method: "GET", path: "/health", auth: "public" },
} as const satisfies Record<string, Route>;
