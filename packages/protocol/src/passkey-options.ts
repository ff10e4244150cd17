import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";

/**
 * POST /passkeys/registration/options: what the browser's passkey creation takes, as WebAuthn's JSON.
 * The types are SimpleWebAuthn's browser ones, which the server's generator output must satisfy.
 */
export type RegistrationOptions = PublicKeyCredentialCreationOptionsJSON;

/** POST /passkeys/authentication/options: a signed challenge and, for a named user, their passkeys. */
export type AuthenticationOptions = PublicKeyCredentialRequestOptionsJSON;
