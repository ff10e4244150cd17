import { cognitoCall } from "../cognito.ts";
import { LatchkeyClientError } from "../errors.ts";
import { decodeJwtPayload } from "../jwt.ts";
import { type AuthState, AuthStateStream } from "./auth-state.ts";
import type { ResolvedConfig } from "./config.ts";
import { redeemRefreshToken } from "./redeem-refresh-token.ts";
import { type TokenStore, type Tokens, tokenStoreFor } from "./tokens.ts";
import { type LatchkeyUser, userFromIdToken } from "./user.ts";
import { withRefreshLock } from "./with-refresh-lock.ts";

/** How long to wait before trying again when a refresh could not reach Cognito. */
const RETRY_MS = 30_000;

/**
 * One app client's sign-in session in this page, and the only owner of its state: the tokens (in the
 * configured storage, which other tabs and Amplify may share, so every read goes there), the refresh
 * timer, the one refresh at a time, and the published state. The tokens change only by these
 * transitions: signed in (`signIn`), refreshed (`refresh`), signed out (`signOut`, or a refresh token
 * Cognito refused), and following another tab's change. Each one publishes and moves the timer.
 */
export class Session {
  readonly config: ResolvedConfig;
  readonly #tokens: TokenStore;
  readonly #state: AuthStateStream;
  // The same ID token gives the same object, so a UI that compares users by reference re-renders only on change.
  #user: { idToken: string; user: LatchkeyUser } | undefined;
  #refreshing: Promise<Tokens | undefined> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unfollow: () => void = () => {};
  #disposed = false;

  constructor(config: ResolvedConfig) {
    this.config = config;
    this.#tokens = tokenStoreFor(config);
    this.#state = new AuthStateStream(() => this.getUser());
    this.#followOtherTabs();
    this.#schedule();
  }

  /** The stored tokens as they are; undefined when signed out. */
  getTokens(): Tokens | undefined {
    return this.#tokens.read();
  }

  /** The user the stored ID token describes; undefined when signed out. */
  getUser(): LatchkeyUser | undefined {
    const tokens = this.getTokens();
    if (!tokens) return undefined;
    if (this.#user?.idToken !== tokens.idToken) {
      this.#user = { idToken: tokens.idToken, user: userFromIdToken(tokens.idToken) };
    }
    return this.#user.user;
  }

  getState(): AuthState {
    return this.#state.get();
  }

  /** Calls `listener` with every new state; returns the unsubscribe function. */
  subscribe(listener: (state: AuthState) => void): () => void {
    return this.#state.subscribe(listener);
  }

  /** Runs `run` with `name` in the busy list, so a UI can show what is in progress. */
  trackBusy<T>(name: string, run: () => Promise<T>): Promise<T> {
    return this.#state.trackBusy(name, run);
  }

  /** Signs in: the status is signing-in while `run` gets the tokens, which then become the session's. */
  signIn(run: () => Promise<Tokens>): Promise<Tokens> {
    return this.#state.inPhase("signing-in", async () => {
      const tokens = await run();
      this.#adopt(tokens);
      return tokens;
    });
  }

  /**
   * A step-up: `run` proves the signed-in user again and gets new tokens, which replace the stored
   * ones only if they are for the same user (sub and username, in both tokens) and that user is still
   * the one signed in; the tokens of any other are refused (STEP_UP_USER_MISMATCH) and revoked, never
   * stored. The status stays signed-in throughout. The replaced refresh token is revoked, so the
   * sign-in that the step-up replaces does not live on unseen.
   */
  stepUp(run: (user: LatchkeyUser) => Promise<Tokens>): Promise<Tokens> {
    return this.trackBusy("step-up", async () => {
      const before = this.getUser();
      if (!before) throw new LatchkeyClientError("NOT_SIGNED_IN", "Sign in first.");
      const tokens = await run(before);
      if (!sameUser(before, tokens)) {
        void this.#revoke(tokens.refreshToken);
        throw new LatchkeyClientError("STEP_UP_USER_MISMATCH", "The step-up signed in another account.");
      }
      const replaced = this.getTokens();
      if (this.getUser()?.sub !== before.sub) {
        // Signed out (or in as someone else) while the proof was under way: that session wins.
        void this.#revoke(tokens.refreshToken);
        throw new LatchkeyClientError("NOT_SIGNED_IN", "Signed out during the step-up.");
      }
      this.#adopt(tokens);
      if (replaced?.refreshToken !== tokens.refreshToken) void this.#revoke(replaced?.refreshToken);
      return tokens;
    });
  }

  /** Revokes a refresh token (and its access tokens), best effort: forgetting it locally is what counts. */
  async #revoke(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const { cognitoEndpoint, clientId } = this.config;
    await cognitoCall(cognitoEndpoint, "RevokeToken", { Token: refreshToken, ClientId: clientId }).catch(() => {
      // Signing out or stepping up locally must succeed even when the revocation cannot be delivered.
    });
  }

  /** The current tokens, refreshed first when they expire within the margin; undefined when signed out. */
  async getFreshTokens(): Promise<Tokens | undefined> {
    const tokens = this.getTokens();
    if (!tokens || !this.#needsRefresh(tokens)) return tokens;
    return this.refresh();
  }

  /**
   * Refreshes the tokens: one Cognito call however many callers in the page ask at the same time, and
   * one across tabs. Without `force`, tokens that are not near expiry come back as they are.
   */
  refresh(options: { force?: boolean } = {}): Promise<Tokens | undefined> {
    const force = options.force === true;
    const seen = this.getTokens()?.accessToken;
    if (this.#refreshing && force) {
      // The refresh under way may be one that found nothing to do: a forced one then follows it.
      return this.#refreshing.then((tokens) => (tokens?.accessToken !== seen ? tokens : this.refresh(options)));
    }
    if (!this.#refreshing) {
      const refreshing = this.#state.inPhase("refreshing", () =>
        withRefreshLock(this.config, () => this.#refreshUnderLock(seen, force)),
      );
      const settled = () => {
        this.#refreshing = undefined;
      };
      refreshing.then(settled, settled);
      this.#refreshing = refreshing;
    }
    return this.#refreshing;
  }

  /**
   * The api refused this access token although it had not expired: the pool no longer accepts it.
   * Refreshes once (a new access token may be accepted); when there is no refresh token, or Cognito
   * refuses it, the session ends (a refused refresh ends it already). Resolves with the new tokens, or
   * undefined when there are none to try; an outage while refreshing rejects and leaves the session.
   */
  async refused(accessToken: string): Promise<Tokens | undefined> {
    if (this.getTokens()?.accessToken !== accessToken) return this.getTokens();
    const fresh = await this.refresh({ force: true }).catch((error: unknown) => {
      if (error instanceof LatchkeyClientError && error.code === "SESSION_EXPIRED") return undefined;
      throw error;
    });
    if (fresh && fresh.accessToken !== accessToken) return fresh;
    // Nothing newer to try: the tokens kept are the ones the api refused.
    if (this.getTokens()?.accessToken === accessToken) this.#end();
    return undefined;
  }

  /**
   * Forgets the tokens and revokes the refresh token (and the access tokens issued from it). With
   * `global`, signs the user out of every device (GlobalSignOut); that failing is reported, after the
   * local sign-out, because the user asked for something that did not happen.
   */
  signOut(options: { global?: boolean } = {}): Promise<void> {
    return this.trackBusy("sign-out", async () => {
      if (options.global) {
        const tokens = await this.getFreshTokens().catch(() => undefined);
        this.#end();
        const { cognitoEndpoint } = this.config;
        if (tokens) await cognitoCall(cognitoEndpoint, "GlobalSignOut", { AccessToken: tokens.accessToken });
        return;
      }
      const tokens = this.getTokens();
      this.#end();
      await this.#revoke(tokens?.refreshToken);
    });
  }

  /**
   * Stops the timer, stops following other tabs and drops the listeners. Calls under way finish (the
   * tokens they store reach storage, where a new session reads them) but publish and schedule nothing.
   */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#unfollow();
    this.#state.close();
  }

  async #refreshUnderLock(seen: string | undefined, force: boolean): Promise<Tokens | undefined> {
    // Re-read: another tab may have refreshed (or signed out) while this one waited for the lock.
    const tokens = this.getTokens();
    if (!tokens?.refreshToken) return tokens;
    if (!this.#needsRefresh(tokens) && (!force || tokens.accessToken !== seen)) return tokens;
    let fresh: Tokens;
    try {
      fresh = await redeemRefreshToken(this.config, tokens.refreshToken);
    } catch (error) {
      // A refused refresh token ends its session, not one begun while the call was out.
      const refused = error instanceof LatchkeyClientError && error.code === "SESSION_EXPIRED";
      if (refused && this.getTokens()?.refreshToken === tokens.refreshToken) this.#end();
      throw error;
    }
    // Signed out (or in as someone else) while the call was out: that session wins, not this refresh.
    const stored = this.getTokens();
    if (stored?.refreshToken !== tokens.refreshToken) return stored;
    this.#adopt(fresh);
    return fresh;
  }

  #needsRefresh(tokens: Tokens): boolean {
    return tokens.expiresAt - this.config.refreshMarginMs <= Date.now();
  }

  /** Signed in or refreshed: these tokens are the session's now. */
  #adopt(tokens: Tokens): void {
    this.#tokens.write(tokens);
    this.#changed();
  }

  /** Signed out, or the refresh token was refused. */
  #end(): void {
    this.#tokens.clear();
    this.#changed();
  }

  #changed(): void {
    this.#state.update();
    this.#schedule();
  }

  /** Keeps a refresh timer set for the margin before the tokens expire; every change of the tokens moves it. */
  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const tokens = this.getTokens();
    if (this.#disposed || !this.config.autoRefresh || !tokens?.refreshToken) return;
    const retry = () => {
      // A refused refresh token signed the user out (a change that rescheduled); an outage tries again.
      if (this.#disposed || !this.getTokens()) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#schedule(), RETRY_MS);
    };
    this.#timer = setTimeout(
      // A refresh reschedules through its change; a timer that fired early changed nothing, so set it again.
      () => this.refresh().then(() => this.#schedule(), retry),
      Math.max(0, tokens.expiresAt - this.config.refreshMarginMs - Date.now()),
    );
  }

  /** Another tab signed in, refreshed or signed out: follow it (storage events fire only in the other tabs). */
  #followOtherTabs(): void {
    if (typeof addEventListener !== "function") return;
    const follow = (event: StorageEvent) => {
      if (event.key === null || this.#tokens.owns(event.key)) this.#changed();
    };
    addEventListener("storage", follow);
    this.#unfollow = () => removeEventListener("storage", follow);
  }
}

/** Whether both new tokens name the signed-in user: the same sub and the same username. */
function sameUser(user: LatchkeyUser, tokens: Tokens): boolean {
  const id = userFromIdToken(tokens.idToken);
  const access = decodeJwtPayload(tokens.accessToken);
  return (
    id.sub === user.sub && id.username === user.username && access.sub === user.sub && access.username === user.username
  );
}
