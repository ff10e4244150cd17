export { type MagicLinkRequest, requestMagicLink } from "./request-magic-link.ts";
export { signInWithCode } from "./sign-in-with-code.ts";
export { hasSignInLink, type LinkConfirmation, type LinkSignIn, signInWithLink } from "./sign-in-with-link.ts";
