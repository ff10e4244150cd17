/**
 * How a user signs in; the client names it in RespondToAuthChallenge's ClientMetadata.signInMethod
 * and the verify trigger checks the ANSWER accordingly:
 * - PASSKEY: ANSWER is the JSON of an AuthenticationResponseJSON;
 * - MAGIC_LINK: ANSWER is the token from the link's URL fragment;
 * - EMAIL_CODE: ANSWER is the code from the email;
 * - SMS_CODE: ANSWER is the code from the text, typed in the browser that asked for it.
 */
export type SignInMethod = "PASSKEY" | "MAGIC_LINK" | "EMAIL_CODE" | "SMS_CODE";
