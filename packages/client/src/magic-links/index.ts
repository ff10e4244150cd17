export { type LinkOpening, type LinkRefusal, openSignInLink } from "./open-sign-in-link.ts";
export { type MagicLinkRequest, requestMagicLink } from "./request-magic-link.ts";
export { countDownResend, resendWaitSeconds } from "./resend-wait.ts";
export { signInWithCode } from "./sign-in-with-code.ts";
export { hasSignInLink, type LinkConfirmation, type LinkSignIn, signInWithLink } from "./sign-in-with-link.ts";
