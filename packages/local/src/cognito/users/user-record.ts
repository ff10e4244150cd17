export type UserStatus = "UNCONFIRMED" | "CONFIRMED" | "FORCE_CHANGE_PASSWORD";

/**
 * One user of the pool. The pool uses email and phone number as username attributes, so `username` is
 * a generated UUID that is also the `sub`, and the email (case-insensitive) and the phone number are
 * separate, unique sign-in aliases.
 */
export interface UserRecord {
  username: string;
  /** Every attribute as Cognito stores it: string values, including sub, email and email_verified. */
  attributes: Record<string, string>;
  status: UserStatus;
  /**
   * A new email waiting for its code, in a pool that keeps the original: no attribute, and it names
   * nobody until it is verified.
   */
  pendingEmail?: string;
  enabled: boolean;
  createdAt: number;
  modifiedAt: number;
}

export const userEmail = (user: UserRecord): string | undefined => user.attributes.email;
