import type { SignInMethod } from "@latchkey/protocol";
import type { ResolvedConfig } from "../session/config.ts";
import { signalPasskeyAccount } from "./signals/signal-passkey-account.ts";
import { upgradeToPasskey } from "./upgrade-to-passkey.ts";

/**
 * What follows every sign-in, in the background: the password manager learns which of the account's
 * passkeys the api accepts on this RP ID, and its name; then, with `passkeyUpgrade` configured and a
 * sign-in by email link, email code or texted code, the browser may make a passkey unprompted. In that
 * order, so the accepted list cannot overtake the new passkey. Never rejects.
 */
export async function afterSignIn(config: ResolvedConfig, method: SignInMethod): Promise<void> {
  await signalPasskeyAccount({ accepted: true, details: true });
  if (config.passkeyUpgrade && method !== "PASSKEY") await upgradeToPasskey();
}
