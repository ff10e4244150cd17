/**
 * The name a passkey shows its account by, in registration options and in the account the Signal API
 * updates: the email when the user has one (never part of the user handle), else the opaque username.
 */
export function accountName(user: { username: string; email: string | undefined }): string {
  return user.email ?? user.username;
}
