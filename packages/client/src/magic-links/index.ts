export { type MagicLinkRequest, requestMagicLink } from "./request-magic-link.ts";
export { signInWithCode } from "./sign-in-with-code.ts";
export { hasSignInLink, signInWithLink } from "./sign-in-with-link.ts";
