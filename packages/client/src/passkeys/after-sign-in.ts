import type { SignInMethod } from "@latchkey/protocol";
import type { ResolvedConfig } from "../session/config.ts";
import { signalPasskeyAccount } from "./signals/signal-passkey-account.ts";

/**
 * What follows every sign-in, in the background: the password manager learns which of the account's
 * passkeys the api accepts on this RP ID, and its name. Never rejects.
 */
export async function afterSignIn(_config: ResolvedConfig, _method: SignInMethod): Promise<void> {
  await signalPasskeyAccount({ accepted: true, details: true });
}
