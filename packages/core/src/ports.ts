/** Ports: what the domain needs from the outside world. AWS adapters live under ./aws. */

import type { AuditEvent } from "./audit/audit-event.ts";

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

/** A text message to one phone number, in E.164 (`+` and up to 15 digits). */
export interface SmsMessage {
  to: string;
  text: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

/** Where audit events go (Amazon EventBridge in AWS); see emitAuditEvent, which sends them. */
export interface AuditEvents {
  publish(event: AuditEvent): Promise<void>;
}

/** A deployment that names no event bus sends no audit events. */
export const noAuditEvents: AuditEvents = { publish: async () => {} };

/** An account that may sign in: confirmed (or admin-created), enabled, with a verified email. */
export interface DirectoryUser {
  /** The opaque Cognito username (a UUID, equal to sub). */
  username: string;
  /** Its verified address, as stored: where its sign-in mail goes. */
  email: string;
}

/** An account that may sign in by text: confirmed (or admin-created), enabled, with a verified phone number. */
export interface PhoneUser {
  /** The opaque Cognito username (a UUID, equal to sub). */
  username: string;
  /** Its verified number, in E.164: where its sign-in texts go. */
  phoneNumber: string;
}

/** A user as the pool has it now. */
export interface PoolUser {
  username: string;
  email: string | undefined;
  /** Whether the pool marks that email verified: only a verified address may receive a step-up code. */
  emailVerified: boolean;
  /** E.164, as stored. */
  phoneNumber: string | undefined;
  /** Whether the pool marks that number verified: only a verified number may receive a step-up text. */
  phoneNumberVerified: boolean;
}

/**
 * The user pool, as the domain sees it. Addresses are compared trimmed and without case, and an
 * account that may not sign in (see accountRefusal, or disabled) is nobody's. Only a verified email
 * or phone number identifies an account, each only for itself.
 */
export interface UserDirectory {
  findByEmail(email: string): Promise<DirectoryUser | undefined>;
  /**
   * Creates a user as an admin does (FORCE_CHANGE_PASSWORD, which custom auth signs in) with this
   * address, verified, in lower case, and no password of its own; undefined if an account already
   * holds the address (one that may not sign in, or one created meanwhile).
   */
  createUser(email: string): Promise<DirectoryUser | undefined>;
  /** The account that signs in with this verified E.164 number; the number must match exactly. */
  findByPhoneNumber(phoneNumber: string): Promise<PhoneUser | undefined>;
  /** As createUser, with this number, verified, and no email; undefined if an account already holds it. */
  createPhoneUser(phoneNumber: string): Promise<PhoneUser | undefined>;
  /**
   * The user of an access token the pool still accepts; undefined once it does not: the token was
   * revoked or its user signed out everywhere, or the user is disabled or deleted.
   */
  userByAccessToken(accessToken: string): Promise<PoolUser | undefined>;
}

/** A user as the pool has it, whatever it may do: for support staff, who see disabled and unverified accounts too. */
export interface PoolAccount extends PoolUser {
  enabled: boolean;
  /** Cognito's UserStatus (CONFIRMED, FORCE_CHANGE_PASSWORD, ...). */
  status: string;
}

/** The user pool as the admin API sees it: accounts by username or email, and signing one out everywhere. */
export interface AdminDirectory {
  /** The account of exactly this username (an alias such as its email is not its username); undefined if none. */
  getUser(username: string): Promise<PoolAccount | undefined>;
  /** The account whose email attribute is this address, trimmed and without case, verified or not. */
  findByEmail(email: string): Promise<PoolAccount | undefined>;
  /**
   * Ends every sign-in of the user: the pool refuses their refresh tokens, and their access tokens
   * wherever it checks them (GetUser, and so the api). False if the pool has no such user.
   */
  signOutEverywhere(username: string): Promise<boolean>;
}

/** Asymmetric signatures over bytes: Ed25519 locally, an AWS KMS key in production. */
export interface Signer {
  readonly keyId: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** False for any signature that does not verify, whatever its bytes; throws only when the key cannot be had. */
  verify(data: Uint8Array, signature: Uint8Array): Promise<boolean>;
}
