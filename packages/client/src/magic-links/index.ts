export { requestSignInLink, type SignInLinkRequest } from "./request-sign-in-link.ts";
export { signInWithCode } from "./sign-in-with-code.ts";
export { hasSignInLink, signInWithLink } from "./sign-in-with-link.ts";
