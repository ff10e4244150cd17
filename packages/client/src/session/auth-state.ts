import type { LatchkeyUser } from "./user.ts";

export type AuthStatus = "signed-out" | "signing-in" | "signed-in" | "refreshing";

/** What an app renders from: one immutable snapshot per change (fit for React's useSyncExternalStore). */
export interface AuthState {
  status: AuthStatus;
  user: LatchkeyUser | undefined;
  /** Operations in progress, by name ("passkey-sign-in", "magic-link-request", ...): drive spinners and disabled buttons. */
  busy: readonly string[];
}

/**
 * A session's published state and its listeners. The user comes from the session (its stored ID
 * token); the phases and the busy list from the operations that run through here.
 */
export class AuthStateStream {
  readonly #user: () => LatchkeyUser | undefined;
  readonly #listeners = new Set<(state: AuthState) => void>();
  // Counters, not flags: sign-ins and refreshes can overlap (two tabs' worth of calls, a retry).
  readonly #phases: Record<"signing-in" | "refreshing", number> = { "signing-in": 0, refreshing: 0 };
  #busy: readonly string[] = [];
  #state: AuthState;
  #closed = false;

  constructor(user: () => LatchkeyUser | undefined) {
    this.#user = user;
    this.#state = this.#snapshot();
  }

  get(): AuthState {
    return this.#state;
  }

  /** Calls `listener` with every new state; returns the unsubscribe function. */
  subscribe(listener: (state: AuthState) => void): () => void {
    if (this.#closed) return () => {};
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Publishes a new snapshot if the status, the user or the busy list changed. */
  update(): void {
    if (this.#closed) return;
    const next = this.#snapshot();
    const last = this.#state;
    if (next.status === last.status && next.user === last.user && next.busy === last.busy) return;
    this.#state = next;
    for (const listener of this.#listeners) listener(next);
  }

  /** Marks the session as signing in or refreshing while `run` runs. */
  async inPhase<T>(phase: "signing-in" | "refreshing", run: () => Promise<T>): Promise<T> {
    this.#phases[phase]++;
    this.update();
    try {
      return await run();
    } finally {
      this.#phases[phase]--;
      this.update();
    }
  }

  /** Runs `run` with `name` in the busy list, so a UI can show what is in progress. */
  async trackBusy<T>(name: string, run: () => Promise<T>): Promise<T> {
    this.#busy = [...this.#busy, name];
    this.update();
    try {
      return await run();
    } finally {
      const index = this.#busy.indexOf(name);
      this.#busy = this.#busy.filter((_, i) => i !== index);
      this.update();
    }
  }

  /** Drops the listeners: a replaced session publishes nothing more. */
  close(): void {
    this.#closed = true;
    this.#listeners.clear();
  }

  #snapshot(): AuthState {
    const user = this.#user();
    const status: AuthStatus =
      this.#phases["signing-in"] > 0
        ? "signing-in"
        : this.#phases.refreshing > 0
          ? "refreshing"
          : user
            ? "signed-in"
            : "signed-out";
    return { status, user, busy: this.#busy };
  }
}
