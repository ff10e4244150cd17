/**
 * The user statuses of accounts someone vouched for: CONFIRMED, and FORCE_CHANGE_PASSWORD, which
 * AdminCreateUser gives every user it makes (Latchkey's sign-up and an operator's alike) and which
 * custom auth signs in all the same. Anything else is refused: UNCONFIRMED (a self sign-up nobody
 * confirmed), RESET_REQUIRED, EXTERNAL_PROVIDER, and statuses Cognito may add.
 */
const SIGN_IN_STATUSES: ReadonlySet<string> = new Set(["CONFIRMED", "FORCE_CHANGE_PASSWORD"]);

/** An account as Cognito describes it: its UserStatus and its email_verified attribute, as strings. */
export interface AccountState {
  status: string | undefined;
  emailVerified: string | undefined;
}

/**
 * Why an account may not sign in, or undefined if it may. Only a verified email identifies a user:
 * anyone can put an address they never proved on their own account, and an account holding it
 * unverified must not receive, or redeem, the sign-ins meant for that address's owner.
 */
export function accountRefusal(account: AccountState): "email not verified" | "account not confirmed" | undefined {
  if (account.emailVerified !== "true") return "email not verified";
  if (account.status === undefined || !SIGN_IN_STATUSES.has(account.status)) return "account not confirmed";
  return undefined;
}
