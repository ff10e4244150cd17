import type { SignInMethod } from "./sign-in-method.ts";

/**
 * The keys the client sets in RespondToAuthChallenge's ClientMetadata. Cognito passes that call's
 * metadata (and not InitiateAuth's) to the Define, Create and Verify triggers.
 */
export interface SignInClientMetadata {
  signInMethod: SignInMethod;
  /** MAGIC_LINK from the browser that asked for the link: the verifier whose SHA-256 it sent as bindingHash. */
  linkVerifier?: string;
}
