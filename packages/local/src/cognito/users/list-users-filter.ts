import { invalidParameter } from "../cognito-error.ts";
import type { UserRecord } from "./user-record.ts";

export type UserPredicate = (user: UserRecord) => boolean;

/** The attributes ListUsers can search on. */
const searchable = new Set([
  "username",
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
  "cognito:user_status",
  "status",
  "sub",
]);

const filterPattern = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

function searchedValue(user: UserRecord, attribute: string): string | undefined {
  if (attribute === "username") return user.username;
  if (attribute === "cognito:user_status") return user.status;
  if (attribute === "status") return user.enabled ? "Enabled" : "Disabled";
  return user.attributes[attribute];
}

/**
 * The attributes the ListUsers API reference marks case-sensitive; the developer guide has every other
 * search case-insensitive ("All searches are case-insensitive"), cognito:user_status and email included.
 */
const caseSensitive = new Set(["username", "status"]);

/**
 * Parses a ListUsers Filter: `attribute = "value"` (exact) or `attribute ^= "value"` (prefix), with
 * backslash escapes inside the quotes.
 */
export function parseListUsersFilter(filter: string | undefined): UserPredicate {
  if (filter === undefined || filter.trim() === "") return () => true;
  const match = filterPattern.exec(filter);
  const [, attribute, operator, quoted] = match ?? [];
  if (attribute === undefined || quoted === undefined || !searchable.has(attribute)) {
    throw invalidParameter("Error while parsing filter.");
  }
  const fold = (value: string) => (caseSensitive.has(attribute) ? value : value.toLowerCase());
  const wanted = fold(quoted.replace(/\\(.)/g, "$1"));
  return (user) => {
    const value = searchedValue(user, attribute);
    if (value === undefined) return false;
    return operator === "=" ? fold(value) === wanted : fold(value).startsWith(wanted);
  };
}
