import type { UserRecord } from "./user-record.ts";

const emailKey = (email: string) => email.toLowerCase();

/**
 * The users of the pool, indexed by username, by email and by phone number, as in a pool whose
 * username attributes are email and phone_number: each unique, emails matched without regard to case,
 * phone numbers exactly (E.164 has one spelling).
 */
export class UserStore {
  private readonly byUsername = new Map<string, UserRecord>();
  private readonly byEmail = new Map<string, string>();
  private readonly byPhoneNumber = new Map<string, string>();

  /** Resolves what a client may sign in with: the username (UUID), the email or the phone number. */
  find(login: string): UserRecord | undefined {
    const key = login.toLowerCase();
    const username = this.byUsername.has(key) ? key : (this.byEmail.get(key) ?? this.byPhoneNumber.get(login));
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

  /** The user that already has this phone number, other than `except`. */
  phoneNumberOwner(phoneNumber: string, except?: string): UserRecord | undefined {
    const owner = this.byPhoneNumber.get(phoneNumber);
    return owner === undefined || owner === except ? undefined : this.byUsername.get(owner);
  }

  add(user: UserRecord): void {
    this.byUsername.set(user.username, user);
    this.index(user);
  }

  /** Replaces a user's attributes, keeping the email and phone number indexes in step. */
  setAttributes(user: UserRecord, attributes: Record<string, string>, at: number): void {
    this.unindex(user);
    user.attributes = attributes;
    user.modifiedAt = at;
    this.index(user);
  }

  delete(user: UserRecord): void {
    this.byUsername.delete(user.username);
    this.unindex(user);
  }

  /** In creation order, which is as good as any: Cognito documents no order for ListUsers. */
  all(): UserRecord[] {
    return [...this.byUsername.values()];
  }

  private index(user: UserRecord): void {
    const { email, phone_number: phoneNumber } = user.attributes;
    if (email !== undefined) this.byEmail.set(emailKey(email), user.username);
    if (phoneNumber !== undefined) this.byPhoneNumber.set(phoneNumber, user.username);
  }

  private unindex(user: UserRecord): void {
    const { email, phone_number: phoneNumber } = user.attributes;
    if (email !== undefined) this.byEmail.delete(emailKey(email));
    if (phoneNumber !== undefined) this.byPhoneNumber.delete(phoneNumber);
  }
}
