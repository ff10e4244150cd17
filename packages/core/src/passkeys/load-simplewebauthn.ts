/**
 * @simplewebauthn/server, loaded on first use and kept: ~425 KB and ~100 ms to import, so only code that
 * verifies pays for it, once. Holding the promise also spares every later call a module resolution.
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
