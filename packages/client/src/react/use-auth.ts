import { useSyncExternalStore } from "react";
import type { AuthState } from "../session/auth-state.ts";
import { getAuthState, subscribe } from "../session/default-session.ts";

/** The sign-in status, the signed-in user and the operations in progress; re-renders on every change. */
export function useAuth(): AuthState {
  return useSyncExternalStore(subscribe, getAuthState, getAuthState);
}
