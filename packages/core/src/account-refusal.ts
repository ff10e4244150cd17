/**
 * The user statuses of accounts someone vouched for: CONFIRMED, and FORCE_CHANGE_PASSWORD, which
 * AdminCreateUser gives every user it makes (Latchkey's sign-up and an operator's alike) and which
 * custom auth signs in all the same. Anything else is refused: UNCONFIRMED (a self sign-up nobody
 * confirmed), RESET_REQUIRED, EXTERNAL_PROVIDER, and statuses Cognito may add.
 */
const SIGN_IN_STATUSES: ReadonlySet<string> = new Set(["CONFIRMED", "FORCE_CHANGE_PASSWORD"]);

/** An account as Cognito describes it: its UserStatus and its *_verified attributes, as strings. */
export interface AccountState {
  status: string | undefined;
  emailVerified: string | undefined;
  phoneNumberVerified?: string | undefined;
}

/**
 * What a sign-in proves the account by: its email (links and email codes), its phone number (texted
 * codes), or either (a passkey, which belongs to the account whatever it is known by).
 */
export type AccountIdentifier = "email" | "phone_number" | "either";

export type AccountRefusal = "email not verified" | "phone number not verified" | "account not confirmed";

/**
 * Why an account may not sign in, or undefined if it may. Only a verified email or phone number
 * identifies a user: anyone can put an address or a number they never proved on their own account,
 * and an account holding it unverified must not receive, or redeem, the sign-ins meant for its owner.
 */
export function accountRefusal(account: AccountState, identifiedBy: AccountIdentifier): AccountRefusal | undefined {
  const email = account.emailVerified === "true";
  const phone = account.phoneNumberVerified === "true";
  if (identifiedBy === "email" && !email) return "email not verified";
  if (identifiedBy === "phone_number" && !phone) return "phone number not verified";
  if (identifiedBy === "either" && !email && !phone) return "email not verified";
  if (account.status === undefined || !SIGN_IN_STATUSES.has(account.status)) return "account not confirmed";
  return undefined;
}
