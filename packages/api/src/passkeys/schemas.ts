import { base64UrlLength, MAX_CREDENTIAL_ID_BYTES, parseRegistrationResponse } from "@latchkey/core/passkeys";
import { object, oneOf, optional, parsedBy, string } from "../schema.ts";

/** A display name, as typed: parseFriendlyName (INVALID_FRIENDLY_NAME) says whether it can be shown. */
const friendlyName = string();

const rpId = optional(string({ max: 253 }));

/** `mediation: "conditional"`: options for a passkey the browser makes without a prompt (conditional create). */
export const registrationOptionsSchema = object({ rpId, mediation: optional(oneOf(["conditional"])) });

export const registrationVerifySchema = object({
  response: parsedBy(parseRegistrationResponse, "not a valid RegistrationResponseJSON"),
  friendlyName: optional(friendlyName),
});

export const renameSchema = object({ friendlyName });

/** What a user types to sign in: an email or the (UUID) username; empty or absent means usernameless. */
export const authenticationOptionsSchema = object({
  username: optional(string({ trim: true, max: 254 })),
  rpId,
});

export const credentialIdParam = object({
  credentialId: string({
    min: 1,
    max: base64UrlLength(MAX_CREDENTIAL_ID_BYTES),
    pattern: /^[A-Za-z0-9_-]+$/,
    patternMessage: "must be base64url",
  }),
});
