import {
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  WebAuthnAbortService,
} from "@simplewebauthn/browser";
import { apiFetch } from "../api-fetch.ts";
import { LatchkeyClientError } from "../errors.ts";
import { defaultSession, trackBusy } from "../session/default-session.ts";
import type { Tokens } from "../session/tokens.ts";
import { type OpenedChallenge, openChallenge, signInWithAnswer } from "../sign-in-with-answer.ts";
import { toClientError } from "../to-client-error.ts";
import { signalIfUnknown } from "./signals/signal-unknown-passkey.ts";

/** The ceremony a signal may cancel: SimpleWebAuthn runs one at a time and cancels only "the current" one. */
let current: symbol | undefined;

/** The user handle is the Cognito username, UTF-8, base64url: the account a usernameless sign-in is for. */
function usernameFromHandle(userHandle: string | undefined): string {
  const unnamed = new LatchkeyClientError("NO_CREDENTIAL", "This passkey does not name its account.");
  if (!userHandle) throw unnamed;
  try {
    const base64 = userHandle.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    throw unnamed;
  }
}

/** The account the passkey itself names (its user handle), when it names one we could have issued. */
function namedBy(response: AuthenticationResponseJSON): string | undefined {
  try {
    return usernameFromHandle(response.response.userHandle);
  } catch {
    return undefined;
  }
}

/** Renew a waiting autofill offer this long before its challenge would expire under the user. */
const RENEW_MARGIN_MS = 20_000;

/** The authenticator's answer to fresh options: for that user's passkeys, or usernameless without one. */
export async function pickPasskey(
  username: string | undefined,
  autofill: boolean,
  signal: AbortSignal | undefined,
): Promise<AuthenticationResponseJSON> {
  for (;;) {
    const optionsJSON = await apiFetch<PublicKeyCredentialRequestOptionsJSON>("/passkeys/authentication/options", {
      body: username ? { username } : {},
    });
    if (signal?.aborted) throw cancelled();
    // An autofill offer waits on the person indefinitely; its challenge does not. Renew it in time.
    const lifetime = optionsJSON.timeout ?? 300_000;
    const renewal = autofill ? AbortSignal.timeout(Math.max(lifetime - RENEW_MARGIN_MS, lifetime / 2)) : undefined;
    try {
      return await runCeremony(optionsJSON, autofill, [signal, renewal]);
    } catch (error) {
      if (renewal?.aborted && !signal?.aborted) continue;
      throw error;
    }
  }
}

async function runCeremony(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  autofill: boolean,
  signals: (AbortSignal | undefined)[],
): Promise<AuthenticationResponseJSON> {
  const ceremony = Symbol();
  current = ceremony;
  // SimpleWebAuthn makes its abort controller only after an async support check: an abort that comes
  // first would cancel nothing, so keep cancelling until this ceremony has ended.
  const cancel = () => {
    if (current !== ceremony) return;
    WebAuthnAbortService.cancelCeremony();
    setTimeout(cancel, 50);
  };
  for (const signal of signals) signal?.addEventListener("abort", cancel, { once: true });
  try {
    const response = await startAuthentication({ optionsJSON, ...(autofill && { useBrowserAutofill: true }) });
    if (signals.some((signal) => signal?.aborted)) throw cancelled();
    return response;
  } catch (error) {
    throw toClientError(error);
  } finally {
    for (const signal of signals) signal?.removeEventListener("abort", cancel);
    if (current === ceremony) current = undefined;
  }
}

const cancelled = () => new LatchkeyClientError("CANCELLED", "The passkey request was cancelled.");

/**
 * Signs in with a passkey. With a username (the email or username the user typed) the browser offers
 * that account's passkeys; without one it is usernameless: the user picks a passkey and its user handle
 * names the account. `autofill` waits for a pick from the browser's autofill menu (conditional UI) on an
 * input with autocomplete="username webauthn", renewing its challenge while nobody picks; it counts as
 * busy only once a passkey is picked, and `signal` ends the wait (CANCELLED). Starting another passkey
 * ceremony also cancels a waiting one. A passkey Cognito refuses and the api no longer knows is
 * signalled unknown (signalUnknownCredential) before the refusal is thrown, so it is not offered again.
 */
export async function signInWithPasskey(
  input: { username?: string; autofill?: boolean; signal?: AbortSignal } = {},
): Promise<Tokens> {
  const username = input.username?.trim() || undefined;
  const autofill = input.autofill === true && !username;
  const signIn = async (response: AuthenticationResponseJSON, opened?: OpenedChallenge) => {
    const account = username ?? usernameFromHandle(response.response.userHandle);
    try {
      const answer = JSON.stringify(response);
      return await signInWithAnswer({ username: account, signInMethod: "PASSKEY", answer, ...(opened && { opened }) });
    } catch (error) {
      // Before the refusal reaches the page, which may offer the passkeys again: not that one, if it is gone.
      if (toClientError(error).code === "SIGN_IN_FAILED") {
        await signalIfUnknown({ username: namedBy(response) ?? account, credentialId: response.id });
      }
      throw error;
    }
  };
  if (autofill) {
    const response = await pickPasskey(undefined, true, input.signal);
    return trackBusy("passkey-sign-in", () => signIn(response));
  }
  return trackBusy("passkey-sign-in", async () => {
    // A typed name is the account: its challenge is opened while the options are fetched and the
    // person picks a passkey, so the sign-in waits for one round trip less.
    const opened = username ? openChallenge(defaultSession().config, username) : undefined;
    return signIn(await pickPasskey(username, false, input.signal), opened);
  });
}
