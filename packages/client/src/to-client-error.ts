import { LatchkeyClientError } from "./errors.ts";

const byName: Record<string, [string, string]> = {
  AbortError: ["CANCELLED", "The passkey request was cancelled."],
  // Browsers report a dismissed dialog as NotAllowedError too, on purpose: a page cannot tell them apart.
  NotAllowedError: ["NOT_ALLOWED", "The passkey request was cancelled or timed out."],
  InvalidStateError: ["CREDENTIAL_EXISTS", "This device already has a passkey for your account."],
  NotSupportedError: ["UNSUPPORTED", "This browser or device does not support passkeys."],
  // The page's origin does not match the relying party ID: a deployment mistake, not the user's.
  SecurityError: ["SECURITY_ERROR", "This site is not allowed to use passkeys for this domain."],
};

/**
 * Any failure of a passkey ceremony as a LatchkeyClientError with a stable code. Browsers report
 * DOMExceptions by name; @simplewebauthn/browser wraps them (keeping the name, adding a code) and
 * throws plain Errors when WebAuthn or autofill is missing, or no credential came back.
 */
export function toClientError(error: unknown): LatchkeyClientError {
  if (error instanceof LatchkeyClientError) return error;
  const { name = "", message = "", code = "" } = (error ?? {}) as { name?: string; message?: string; code?: string };
  if (code === "ERROR_CEREMONY_ABORTED")
    return new LatchkeyClientError("CANCELLED", byName.AbortError?.[1] ?? "", { cause: error });
  const known = byName[name];
  if (known) return new LatchkeyClientError(known[0], known[1], { cause: error });
  if (/not supported|does not support/i.test(message)) {
    return new LatchkeyClientError("UNSUPPORTED", byName.NotSupportedError?.[1] ?? "", { cause: error });
  }
  if (/not completed|no credential/i.test(message)) {
    return new LatchkeyClientError("NO_CREDENTIAL", "No passkey was found for this site on this device.", {
      cause: error,
    });
  }
  return new LatchkeyClientError("UNKNOWN", message || "Something went wrong.", { cause: error });
}
