/**
 * @simplewebauthn/server, loaded on first use and kept: ~425 KB and ~100 ms to import, so only code that
 * needs it pays for it, once: registration, and a sign-in with a credential stored before its SPKI key
 * was kept (its COSE key decoded). Other sign-ins verify without it (checkAssertion). Holding the promise also spares every later call a module resolution.
 */
let server: Promise<typeof import("@simplewebauthn/server")> | undefined;
let helpers: Promise<typeof import("@simplewebauthn/server/helpers")> | undefined;

export function loadSimpleWebAuthn() {
  server ??= import("@simplewebauthn/server");
  return server;
}

export function loadSimpleWebAuthnHelpers() {
  helpers ??= import("@simplewebauthn/server/helpers");
  return helpers;
}
