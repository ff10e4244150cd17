import type { AttributeType } from "@aws-sdk/client-cognito-identity-provider";
import type { PoolUser } from "../ports.ts";

/** Cognito refuses a longer Username; an address that needs one cannot be anyone's. */
export const MAX_USERNAME_LENGTH = 128;

/** The value of one of a Cognito user's attributes, as the API lists them. */
export function attribute(attributes: AttributeType[] | undefined, name: string): string | undefined {
  return attributes?.find((a) => a.Name === name)?.Value;
}

/** A user's email and phone number and whether the pool marks each verified, from their attributes. */
export function poolUser(username: string, attributes: AttributeType[] | undefined): PoolUser {
  return {
    username,
    email: attribute(attributes, "email"),
    emailVerified: attribute(attributes, "email_verified") === "true",
    phoneNumber: attribute(attributes, "phone_number"),
    phoneNumberVerified: attribute(attributes, "phone_number_verified") === "true",
  };
}
