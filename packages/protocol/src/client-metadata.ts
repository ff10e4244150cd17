import type { SignInMethod } from "./sign-in-method.ts";

/**
 * The keys the client sets in RespondToAuthChallenge's ClientMetadata. Cognito passes that call's
 * metadata (and not InitiateAuth's) to the Define, Create and Verify triggers.
 */
export interface SignInClientMetadata {
  signInMethod: SignInMethod;
  /**
   * From the browser that asked for the email: the verifier whose SHA-256 it sent as bindingHash. With
   * MAGIC_LINK, the link's own (a same-browser link needs it); with EMAIL_CODE, that of the browser's
   * newest request (its code then has tries of its own, which wrong codes from elsewhere cannot use up).
   */
  linkVerifier?: string;
  /** With SMS_CODE: the verifier whose SHA-256 the browser sent as POST /sms-codes' bindingHash. */
  smsVerifier?: string;
  /**
   * A step-up for one action (STEP_UP_ACTION_PATTERN): the access token then carries it as the
   * step_up_action claim, and counts as a recent sign-in for that action only.
   */
  stepUpAction?: string;
}
