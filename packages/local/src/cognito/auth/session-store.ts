import { notAuthorized } from "../cognito-error.ts";
import { hashSecret, newSecret } from "../random.ts";
import type { ChallengeResultEntry } from "../triggers/define-auth-challenge-event.ts";

/** Where a custom-auth sign-in stands between two API calls. */
export interface AuthSession {
  clientId: string;
  /** The real username, or what the client typed when no user matched. */
  userName: string;
  userNotFound: boolean;
  history: ChallengeResultEntry[];
  privateChallengeParameters: Record<string, string>;
  challengeMetadata: string | undefined;
  expiresAt: number;
}

/** Expired sessions are kept this long so they can still be told apart from unknown ones. */
const graceMs = 3600 * 1000;

/**
 * Auth Sessions: opaque, random, single use. Only a hash of each is kept; taking one deletes it before
 * anything else happens, so two concurrent answers to the same challenge get exactly one attempt.
 */
export class SessionStore {
  private readonly sessions = new Map<string, AuthSession>();

  open(session: AuthSession, now: number): string {
    for (const [key, stale] of this.sessions) {
      if (stale.expiresAt + graceMs < now) this.sessions.delete(key);
    }
    const id = newSecret();
    this.sessions.set(hashSecret(id), session);
    return id;
  }

  take(id: string, clientId: string, now: number): AuthSession {
    const key = hashSecret(id);
    const session = this.sessions.get(key);
    if (session === undefined || session.clientId !== clientId) throw notAuthorized("Invalid session for the user.");
    this.sessions.delete(key);
    if (session.expiresAt <= now) throw notAuthorized("Invalid session for the user, session is expired.");
    return session;
  }
}
