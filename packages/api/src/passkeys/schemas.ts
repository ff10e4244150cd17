import { base64UrlLength, MAX_CREDENTIAL_ID_BYTES, parseRegistrationResponse } from "@latchkey/core/passkeys";
import { z } from "zod";

/** A display name, as typed: parseFriendlyName (INVALID_FRIENDLY_NAME) says whether it can be shown. */
const friendlyName = z.string();

const rpId = z.string().max(253).optional();

/** `mediation: "conditional"`: options for a passkey the browser makes without a prompt (conditional create). */
export const registrationOptionsSchema = z.object({ rpId, mediation: z.literal("conditional").optional() });

export const registrationVerifySchema = z.object({
  response: z.unknown().transform((value, context) => {
    const parsed = parseRegistrationResponse(value);
    if (!parsed) context.addIssue({ code: "custom", message: "not a valid RegistrationResponseJSON" });
    return parsed ?? z.NEVER;
  }),
  friendlyName: friendlyName.optional(),
});

export const renameSchema = z.object({ friendlyName });

/** What a user types to sign in: an email or the (UUID) username; empty or absent means usernameless. */
export const authenticationOptionsSchema = z.object({
  username: z.string().trim().max(254).optional(),
  rpId,
});

export const credentialIdParam = z.object({
  credentialId: z
    .string()
    .min(1)
    .max(base64UrlLength(MAX_CREDENTIAL_ID_BYTES))
    .regex(/^[A-Za-z0-9_-]+$/, "must be base64url"),
});
