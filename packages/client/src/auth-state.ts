import { onChange } from "./change.ts";
import { getUser, type LatchkeyUser } from "./user.ts";

export type AuthStatus = "signed-out" | "signing-in" | "signed-in" | "refreshing";

/** What an app renders from: one immutable snapshot per change (fit for React's useSyncExternalStore). */
export interface AuthState {
  status: AuthStatus;
  user: LatchkeyUser | undefined;
  /** Operations in progress, by name ("passkey-sign-in", "magic-link-request", ...): drive spinners and disabled buttons. */
  busy: readonly string[];
}

// Counters, not flags: sign-ins and refreshes can overlap (two tabs' worth of calls, a retry).
const phases = { "signing-in": 0, refreshing: 0 };
let busy: readonly string[] = [];
let snapshot: AuthState = { status: "signed-out", user: undefined, busy };
const listeners = new Set<(state: AuthState) => void>();

function publish(): void {
  const user = getUser();
  const status: AuthStatus =
    phases["signing-in"] > 0 ? "signing-in" : phases.refreshing > 0 ? "refreshing" : user ? "signed-in" : "signed-out";
  snapshot = { status, user, busy };
  for (const listener of listeners) listener(snapshot);
}
onChange(publish);

export function getAuthState(): AuthState {
  return snapshot;
}

/** Calls `listener` with every new state; returns the unsubscribe function. */
export function subscribe(listener: (state: AuthState) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Marks the session as signing in or refreshing while `run` runs. */
export async function inPhase<T>(phase: keyof typeof phases, run: () => Promise<T>): Promise<T> {
  phases[phase]++;
  publish();
  try {
    return await run();
  } finally {
    phases[phase]--;
    publish();
  }
}

/** Runs `run` with `name` in the busy list, so a UI can show what is in progress. */
export async function trackBusy<T>(name: string, run: () => Promise<T>): Promise<T> {
  busy = [...busy, name];
  publish();
  try {
    return await run();
  } finally {
    const index = busy.indexOf(name);
    busy = busy.filter((_, i) => i !== index);
    publish();
  }
}
