import { type PublicKeyCredentialRequestOptionsJSON, startAuthentication } from "@simplewebauthn/browser";
import { apiFetch } from "../api-fetch.ts";
import { trackBusy } from "../auth-state.ts";
import { LatchkeyClientError } from "../errors.ts";
import { signInWithAnswer } from "../sign-in-with-answer.ts";
import { toClientError } from "../to-client-error.ts";
import type { Tokens } from "../tokens.ts";

/** The user handle is the Cognito username, UTF-8, base64url: the account a usernameless sign-in is for. */
function usernameFromHandle(userHandle: string | undefined): string {
  if (!userHandle) throw new LatchkeyClientError("NO_CREDENTIAL", "This passkey does not name its account.");
  const base64 = userHandle.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "=")), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Signs in with a passkey. With a username (the email or username the user typed) the browser offers
 * that account's passkeys; without one it is usernameless: the user picks a passkey and its user handle
 * names the account. `autofill` waits for a pick from the browser's autofill menu (conditional UI) on an
 * input with autocomplete="username webauthn".
 */
export function signInWithPasskey(input: { username?: string; autofill?: boolean } = {}): Promise<Tokens> {
  const username = input.username?.trim() || undefined;
  return trackBusy("passkey-sign-in", async () => {
    const optionsJSON = await apiFetch<PublicKeyCredentialRequestOptionsJSON>("/passkeys/authentication/options", {
      body: username ? { username } : {},
    });
    const response = await startAuthentication({
      optionsJSON,
      ...(input.autofill && !username && { useBrowserAutofill: true }),
    }).catch((error: unknown) => {
      throw toClientError(error);
    });
    return signInWithAnswer({
      username: username ?? usernameFromHandle(response.response.userHandle),
      signInMethod: "PASSKEY",
      answer: JSON.stringify(response),
    });
  });
}
