/**
 * Step-up: a signed-in user proves again (a passkey, or a code sent to them) and gets fresh tokens in
 * the same account, optionally bound to one named action. The proof is an ordinary CUSTOM_AUTH
 * sign-in; RespondToAuthChallenge's ClientMetadata may carry `stepUpAction`, which the pre token
 * generation trigger (V2_0) writes into the ACCESS token as the `step_up_action` claim.
 */

/** How a step-up proves the user, in the order a client offers them: the first available one first. */
export type StepUpMethod = "PASSKEY" | "SMS_CODE" | "EMAIL_CODE";

/** The step-up methods whose code POST /step-up/codes sends; each redeems as the sign-in method of its name. */
export type StepUpCodeMethod = Exclude<StepUpMethod, "PASSKEY">;

/** The body of POST /step-up/codes. */
export interface StepUpCodeRequest {
  /**
   * Where the code goes: EMAIL_CODE (the default), the signed-in user's verified address; SMS_CODE,
   * their verified phone number.
   */
  method?: StepUpCodeMethod;
  /**
   * base64url SHA-256 of a verifier the requesting browser keeps: its code then has tries of its own.
   * Required for SMS_CODE, whose code only that browser can try (ClientMetadata.smsVerifier).
   */
  bindingHash?: string;
  /** The email's language, a BCP 47 tag such as "de" (texts are in English alone). */
  locale?: string;
}

/** The 202 body of POST /step-up/codes. */
export interface StepUpCodeSent {
  status: "sent";
}

/** The access token's claim naming the one action a step-up was for; absent when it was for none. */
export const STEP_UP_ACTION_CLAIM = "step_up_action";

/** An action's name: lower-case letters, digits and hyphens, a letter first, at most 32 characters. */
export const STEP_UP_ACTION_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** The actions of Latchkey's own routes that need a recent sign-in (see routes: `action`). */
export type StepUpAction = "register-passkey" | "delete-passkey";
