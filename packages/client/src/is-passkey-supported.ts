/**
 * Whether this browser can use passkeys at all (WebAuthn in a secure context). A device without a
 * built-in authenticator can still use a phone or a security key, so this does not ask for one.
 */
export function isPasskeySupported(): boolean {
  return typeof globalThis.PublicKeyCredential === "function" && typeof navigator.credentials?.get === "function";
}
