import { LatchkeyClientError } from "../errors.ts";
import { followAccountName } from "../passkeys/signals/follow-account-name.ts";
import type { AuthState } from "./auth-state.ts";
import { type LatchkeyClientConfig, resolveConfig } from "./config.ts";
import { Session } from "./session.ts";
import type { Tokens } from "./tokens.ts";
import type { LatchkeyUser } from "./user.ts";

/**
 * The page's default session, which the function API (signInWithPasskey, getUser, subscribe, ...)
 * works against. Nothing runs at import: configure() makes the session.
 */
let current: Session | undefined;
// Subscribers through the function API follow the default session when configure() replaces it.
const listeners = new Set<(state: AuthState) => void>();
const UNCONFIGURED: AuthState = { status: "signed-out", user: undefined, busy: [] };

function publish(state: AuthState): void {
  for (const listener of listeners) listener(state);
}

/** Starts the default session for `config`, stopping the one before (its timer, other tabs, listeners). */
export function configure(config: LatchkeyClientConfig): void {
  current?.dispose();
  current = new Session(resolveConfig(config));
  current.subscribe(publish);
  const names = followAccountName();
  names(current.getState());
  current.subscribe(names);
  publish(current.getState());
}

/** The session configure() made; NOT_CONFIGURED before. */
export function defaultSession(): Session {
  if (!current) throw new LatchkeyClientError("NOT_CONFIGURED", "Call configure() first.");
  return current;
}

export function getAuthState(): AuthState {
  return current?.getState() ?? UNCONFIGURED;
}

/** Calls `listener` with every new state, across configure() calls; returns the unsubscribe function. */
export function subscribe(listener: (state: AuthState) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Runs `run` with `name` in the busy list, so a UI can show what is in progress. */
export async function trackBusy<T>(name: string, run: () => Promise<T>): Promise<T> {
  return defaultSession().trackBusy(name, run);
}

/** The stored tokens as they are; undefined when signed out. */
export function getTokens(): Tokens | undefined {
  return defaultSession().getTokens();
}

/** The user the ID token describes (claims read, not verified); undefined when signed out or not configured. */
export function getUser(): LatchkeyUser | undefined {
  return current?.getUser();
}

/** The current tokens, refreshed first when they expire within the margin; undefined when signed out. */
export async function getFreshTokens(): Promise<Tokens | undefined> {
  return defaultSession().getFreshTokens();
}

/**
 * Refreshes the tokens: once per page however many callers ask at the same time, and once across
 * tabs. Without `force`, tokens that are not near expiry are returned as they are.
 */
export async function refreshTokens(options: { force?: boolean } = {}): Promise<Tokens | undefined> {
  return defaultSession().refresh(options);
}

/**
 * Forgets the tokens and revokes the refresh token; `global` signs the user out of every device (its
 * failure is reported after the local sign-out).
 */
export async function signOut(options: { global?: boolean } = {}): Promise<void> {
  return defaultSession().signOut(options);
}
