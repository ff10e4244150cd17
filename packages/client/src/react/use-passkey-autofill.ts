import { useEffect, useRef } from "react";
import type { LatchkeyClientError } from "../errors.ts";
import { isConditionalUiAvailable } from "../is-conditional-ui-available.ts";
import { signInWithPasskey } from "../passkeys/sign-in-with-passkey.ts";
import { toClientError } from "../to-client-error.ts";

/**
 * Offers the user's passkeys in the browser's autofill menu of the page's input with
 * autocomplete="username webauthn", while the component is mounted and `enabled`. A pick signs in.
 * A passkey that fails to sign in is reported and the offer starts again; disabling or unmounting
 * withdraws it. Does nothing where the browser has no conditional UI.
 */
export function usePasskeyAutofill(
  options: { enabled?: boolean; onError?: (error: LatchkeyClientError) => void } = {},
): void {
  const enabled = options.enabled ?? true;
  const onError = useRef(options.onError);
  onError.current = options.onError;
  useEffect(() => {
    if (!enabled) return;
    const withdrawn = new AbortController();
    const offer = async (): Promise<void> => {
      if (!(await isConditionalUiAvailable()) || withdrawn.signal.aborted) return;
      try {
        await signInWithPasskey({ autofill: true, signal: withdrawn.signal });
      } catch (failure) {
        if (withdrawn.signal.aborted) return;
        const error = toClientError(failure);
        // Nobody picked anything: another ceremony took over, or the browser declined to show the offer.
        if (error.code === "CANCELLED" || error.code === "NOT_ALLOWED") return;
        onError.current?.(error);
        // Only a passkey that was picked and then refused is worth another offer; other failures would loop.
        if (error.code === "SIGN_IN_FAILED") return offer();
      }
    };
    void offer();
    return () => withdrawn.abort();
  }, [enabled]);
}
