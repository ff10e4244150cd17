/** Ports: what the domain needs from the outside world. AWS adapters live under ./aws. */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}

export interface DirectoryUser {
  /** The opaque Cognito username (a UUID, equal to sub). */
  username: string;
  email: string | undefined;
  enabled: boolean;
}

/** The user pool, as the domain sees it. */
export interface UserDirectory {
  findByEmail(email: string): Promise<DirectoryUser | undefined>;
  getUser(username: string): Promise<DirectoryUser | undefined>;
  /** Creates a confirmed user with a verified email and no password; returns it. */
  createUser(email: string): Promise<DirectoryUser>;
}

/** Asymmetric signatures over bytes: Ed25519 locally, an AWS KMS key in production. */
export interface Signer {
  readonly keyId: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
  verify(data: Uint8Array, signature: Uint8Array): Promise<boolean>;
}
