import type { UserRecord } from "./user-record.ts";

const emailKey = (email: string) => email.toLowerCase();

/**
 * The users of the pool, indexed by username and by email. Emails are unique and matched without
 * regard to case, as in a pool with email as a case-insensitive username attribute.
 */
export class UserStore {
  private readonly byUsername = new Map<string, UserRecord>();
  private readonly byEmail = new Map<string, string>();

  /** Resolves what a client may sign in with: the username (UUID) or the email. */
  find(usernameOrEmail: string): UserRecord | undefined {
    const key = usernameOrEmail.toLowerCase();
    const username = this.byUsername.has(key) ? key : this.byEmail.get(key);
    return username === undefined ? undefined : this.byUsername.get(username);
  }

  get(username: string): UserRecord | undefined {
    return this.byUsername.get(username.toLowerCase());
  }

  /** The user that already has this email, other than `except`. */
  emailOwner(email: string, except?: string): UserRecord | undefined {
    const owner = this.byEmail.get(emailKey(email));
    return owner === undefined || owner === except ? undefined : this.byUsername.get(owner);
  }

  add(user: UserRecord): void {
    this.byUsername.set(user.username, user);
    const email = user.attributes.email;
    if (email !== undefined) this.byEmail.set(emailKey(email), user.username);
  }

  /** Replaces a user's attributes, keeping the email index in step. */
  setAttributes(user: UserRecord, attributes: Record<string, string>, at: number): void {
    const before = user.attributes.email;
    if (before !== undefined) this.byEmail.delete(emailKey(before));
    user.attributes = attributes;
    user.modifiedAt = at;
    if (attributes.email !== undefined) this.byEmail.set(emailKey(attributes.email), user.username);
  }

  delete(user: UserRecord): void {
    this.byUsername.delete(user.username);
    const email = user.attributes.email;
    if (email !== undefined) this.byEmail.delete(emailKey(email));
  }

  /** In creation order, which is as good as any: Cognito documents no order for ListUsers. */
  all(): UserRecord[] {
    return [...this.byUsername.values()];
  }
}
