import { WebAuthnError } from "@simplewebauthn/browser";
import { describe, expect, it } from "vitest";
import { LatchkeyClientError } from "./errors.ts";
import { toClientError } from "./to-client-error.ts";

const dom = (name: string, message = "") => new DOMException(message, name);

describe("toClientError", () => {
  it.each([
    ["a ceremony cancelled by the page (AbortError)", dom("AbortError"), "CANCELLED"],
    [
      "an aborted ceremony as @simplewebauthn/browser reports it",
      new WebAuthnError({ message: "aborted", code: "ERROR_CEREMONY_ABORTED", cause: dom("AbortError") }),
      "CANCELLED",
    ],
    [
      "NotAllowedError (denied or timed out)",
      dom("NotAllowedError", "The operation either timed out or was not allowed."),
      "NOT_ALLOWED",
    ],
    [
      "NotAllowedError passed through by @simplewebauthn/browser",
      new WebAuthnError({
        message: "not allowed",
        code: "ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY",
        cause: dom("NotAllowedError"),
      }),
      "NOT_ALLOWED",
    ],
    [
      "an authenticator that already holds a passkey (InvalidStateError)",
      dom("InvalidStateError"),
      "CREDENTIAL_EXISTS",
    ],
    ["NotSupportedError", dom("NotSupportedError"), "UNSUPPORTED"],
    ["an origin the relying party ID does not cover (SecurityError)", dom("SecurityError"), "SECURITY_ERROR"],
    ["a browser without WebAuthn", new Error("WebAuthn is not supported in this browser"), "UNSUPPORTED"],
    ["a browser without autofill", new Error("Browser does not support WebAuthn autofill"), "UNSUPPORTED"],
    ["no credential returned", new Error("Authentication was not completed"), "NO_CREDENTIAL"],
    ["anything else", new TypeError("boom"), "UNKNOWN"],
    ["a thrown non-error", "boom", "UNKNOWN"],
  ])("maps %s", (_, error, code) => {
    const mapped = toClientError(error);
    expect(mapped).toBeInstanceOf(LatchkeyClientError);
    expect(mapped.code).toBe(code);
    expect(mapped.message).not.toBe("");
  });

  it("keeps a LatchkeyClientError (an api or Cognito code) as it is", () => {
    const error = new LatchkeyClientError("RATE_LIMITED", "Slow down.", { status: 429 });
    expect(toClientError(error)).toBe(error);
  });

  it("keeps the original error as the cause", () => {
    const original = dom("NotAllowedError");
    expect(toClientError(original).cause).toBe(original);
  });
});
