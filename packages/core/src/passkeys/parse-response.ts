import { base64UrlLength, isBase64Url } from "./base64url.ts";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "./types.ts";

/** WebAuthn caps credential IDs at 1023 bytes. */
export const MAX_CREDENTIAL_ID_BYTES = 1023;
const MAX_ID = base64UrlLength(MAX_CREDENTIAL_ID_BYTES);
/** Generous bounds: real client data is a few hundred bytes, attestation a few KB (TPM chains the most). */
const MAX_CLIENT_DATA = base64UrlLength(4096);
const MAX_AUTHENTICATOR_DATA = base64UrlLength(4096);
const MAX_SIGNATURE = base64UrlLength(1024);
const MAX_ATTESTATION = base64UrlLength(32 * 1024);
/** The largest ANSWER a trigger will parse. */
export const MAX_ANSWER_CHARS = 24 * 1024;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function common(value: unknown): value is Json & { response: Json } {
  return (
    isObject(value) &&
    isBase64Url(value.id, MAX_ID) &&
    value.id !== "" &&
    value.rawId === value.id &&
    value.type === "public-key" &&
    isObject(value.response) &&
    isBase64Url(value.response.clientDataJSON, MAX_CLIENT_DATA) &&
    (value.clientExtensionResults === undefined || isObject(value.clientExtensionResults)) &&
    (value.authenticatorAttachment === undefined || typeof value.authenticatorAttachment === "string")
  );
}

/** An AuthenticationResponseJSON with every field of the expected type and size, else undefined. */
export function parseAuthenticationResponse(value: unknown): AuthenticationResponseJSON | undefined {
  if (!common(value)) return undefined;
  const { response } = value;
  if (!isBase64Url(response.authenticatorData, MAX_AUTHENTICATOR_DATA)) return undefined;
  if (!isBase64Url(response.signature, MAX_SIGNATURE) || response.signature === "") return undefined;
  if (response.userHandle !== undefined && response.userHandle !== null && !isBase64Url(response.userHandle, 128)) {
    return undefined;
  }
  return {
    id: value.id as string,
    rawId: value.id as string,
    type: "public-key",
    response: {
      clientDataJSON: response.clientDataJSON as string,
      authenticatorData: response.authenticatorData,
      signature: response.signature,
      ...(typeof response.userHandle === "string" && response.userHandle !== "" && { userHandle: response.userHandle }),
    },
    clientExtensionResults: (value.clientExtensionResults ??
      {}) as AuthenticationResponseJSON["clientExtensionResults"],
  };
}

/** The raw ANSWER of a passkey sign-in, parsed; oversized or malformed is undefined. */
export function parseAnswer(answer: string): AuthenticationResponseJSON | undefined {
  if (answer.length > MAX_ANSWER_CHARS) return undefined;
  try {
    return parseAuthenticationResponse(JSON.parse(answer));
  } catch {
    return undefined;
  }
}

/** A RegistrationResponseJSON with every field of the expected type and size, else undefined. */
export function parseRegistrationResponse(value: unknown): RegistrationResponseJSON | undefined {
  if (!common(value)) return undefined;
  const { response } = value;
  if (!isBase64Url(response.attestationObject, MAX_ATTESTATION) || response.attestationObject === "") return undefined;
  const transports = response.transports ?? [];
  if (!Array.isArray(transports) || transports.length > 8) return undefined;
  if (!transports.every((t) => typeof t === "string" && /^[a-z-]{1,32}$/.test(t))) return undefined;
  return {
    id: value.id as string,
    rawId: value.id as string,
    type: "public-key",
    response: {
      clientDataJSON: response.clientDataJSON as string,
      attestationObject: response.attestationObject,
      transports: transports as RegistrationResponseJSON["response"]["transports"],
    },
    clientExtensionResults: (value.clientExtensionResults ?? {}) as RegistrationResponseJSON["clientExtensionResults"],
  };
}

/** clientDataJSON as an object, or undefined when unreadable. */
export function readClientData(clientDataJSON: string): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
