import type { AuthState } from "../../session/auth-state.ts";
import { signalPasskeyAccount } from "./signal-passkey-account.ts";

/**
 * A session listener that, when the signed-in user's email changes (new tokens after the app changed
 * it, same user), has the password manager show the account by its new name: the passkeys' name is
 * the email. A new sign-in, whoever it is, signals on its own.
 */
export function followAccountName(): (state: AuthState) => void {
  let seen: { username: string; email: string | undefined } | undefined;
  return ({ user }) => {
    const before = seen;
    seen = user && { username: user.username, email: user.email };
    if (user && before?.username === user.username && before.email !== user.email) {
      void signalPasskeyAccount({ details: true });
    }
  };
}
