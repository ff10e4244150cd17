import { useCallback, useRef, useState } from "react";
import type { LatchkeyClientError } from "../errors.ts";
import { toClientError } from "../to-client-error.ts";

export interface ActionState<Args extends unknown[], Result> {
  /** Runs the action; resolves with its result, or undefined when it failed (the failure is in `error`). */
  run: (...args: Args) => Promise<Result | undefined>;
  pending: boolean;
  /** The last run's failure, with a stable `code`; cleared when the action runs again. */
  error: LatchkeyClientError | undefined;
  reset: () => void;
}

/**
 * Wraps one of the client's actions (signInWithPasskey, requestMagicLink, signInWithCode, requestSmsCode,
 * signInWithSmsCode, signOut, registerPasskey, ...) for a component: pending and error state, and no
 * unhandled rejections.
 */
export function useAction<Args extends unknown[], Result>(
  action: (...args: Args) => Promise<Result>,
): ActionState<Args, Result> {
  const [state, setState] = useState<{ pending: boolean; error?: LatchkeyClientError }>({ pending: false });
  const latest = useRef(action);
  latest.current = action;
  const run = useCallback(async (...args: Args) => {
    setState({ pending: true });
    try {
      const result = await latest.current(...args);
      setState({ pending: false });
      return result;
    } catch (error) {
      setState({ pending: false, error: toClientError(error) });
      return undefined;
    }
  }, []);
  const reset = useCallback(() => setState({ pending: false }), []);
  return { run, pending: state.pending, error: state.error, reset };
}
