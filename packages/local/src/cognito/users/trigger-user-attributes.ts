import type { UserRecord } from "./user-record.ts";

/**
 * `request.userAttributes` as Cognito fills it for a sign-in trigger: the stored attributes plus
 * `cognito:user_status`, and `cognito:email_alias` once the email serves as a sign-in alias (observed
 * on confirmed users and on verified emails; absent on an unconfirmed, unverified one).
 */
export function triggerUserAttributes(user: UserRecord): Record<string, string> {
  const { email, ...rest } = user.attributes;
  const attributes: Record<string, string> = { ...rest, "cognito:user_status": user.status };
  const aliased = user.status === "CONFIRMED" || user.attributes.email_verified === "true";
  if (email !== undefined && aliased) attributes["cognito:email_alias"] = email;
  if (email !== undefined) attributes.email = email;
  return attributes;
}
