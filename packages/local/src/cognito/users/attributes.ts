import { invalidParameter } from "../cognito-error.ts";

/** The OIDC standard attributes every user pool has; anything else must be `custom:`. */
const standardAttributes = new Set([
  "address",
  "birthdate",
  "email",
  "email_verified",
  "family_name",
  "gender",
  "given_name",
  "locale",
  "middle_name",
  "name",
  "nickname",
  "phone_number",
  "phone_number_verified",
  "picture",
  "preferred_username",
  "profile",
  "sub",
  "updated_at",
  "website",
  "zoneinfo",
]);

const booleanAttributes = new Set(["email_verified", "phone_number_verified"]);

const schemaError = (name: string, reason: string) =>
  invalidParameter(`Attributes did not conform to the schema: ${name}: ${reason}`);

/** Reads an AttributeType list into a map, rejecting what Cognito's schema check rejects. */
export function parseAttributeList(list: unknown): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (list === undefined || list === null) return attributes;
  if (!Array.isArray(list)) throw invalidParameter("UserAttributes must be a list.");
  for (const item of list as Array<{ Name?: unknown; Value?: unknown }>) {
    const name = item?.Name;
    if (typeof name !== "string" || name === "") throw invalidParameter("Attribute name must not be empty.");
    if (!standardAttributes.has(name) && !name.startsWith("custom:")) {
      throw schemaError(name, "Attribute does not exist in the schema.");
    }
    if (name === "sub") throw schemaError(name, "Attribute cannot be updated.");
    const value = typeof item.Value === "string" ? item.Value : "";
    if (booleanAttributes.has(name) && !/^(true|false)$/i.test(value)) {
      throw invalidParameter(`Invalid value for ${name}: must be true or false.`);
    }
    if (name === "phone_number" && !isPhoneNumber(value)) throw invalidParameter("Invalid phone number format.");
    attributes[name] = booleanAttributes.has(name) ? value.toLowerCase() : value;
  }
  return attributes;
}

export function toAttributeList(attributes: Record<string, string>, only?: readonly string[]) {
  return Object.entries(attributes)
    .filter(([name]) => !only || only.includes(name))
    .map(([Name, Value]) => ({ Name, Value }));
}

/** Cognito checks emails loosely: something@something.something. */
export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** Cognito's phone number rule: a `+`, then the country code and the number, digits only. */
export const isPhoneNumber = (value: string): boolean => /^\+[0-9]{4,15}$/.test(value);

export const isBooleanAttribute = (name: string): boolean => booleanAttributes.has(name);
