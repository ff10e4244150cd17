import type { SignInMethod } from "@latchkey/protocol";

/** Every audit event's EventBridge `source`. */
export const AUDIT_EVENT_SOURCE = "latchkey";

/**
 * What every detail carries. `username` is always the opaque Cognito username (a UUID), never an
 * address: no detail holds a secret, token, code, signature, key, email address or phone number.
 */
export interface AuditDetailBase {
  /** The request id of the api request or trigger invocation that sent it, as its log lines carry it. */
  requestId: string;
}

/** A passkey was added to the user's account (POST /passkeys/registration/verify). */
export interface PasskeyRegisteredDetail extends AuditDetailBase {
  username: string;
  credentialId: string;
  friendlyName: string;
  /** The authenticator model's AAGUID (all zeros when it keeps it to itself). */
  aaguid: string;
  backedUp: boolean;
}

/** The user renamed one of their passkeys (PATCH /passkeys/:credentialId). */
export interface PasskeyRenamedDetail extends AuditDetailBase {
  username: string;
  credentialId: string;
  friendlyName: string;
}

/** The user deleted one of their passkeys (DELETE /passkeys/:credentialId). */
export interface PasskeyDeletedDetail extends AuditDetailBase {
  username: string;
  credentialId: string;
}

/** An answer signed a user in (the Verify trigger): Cognito then issues tokens. */
export interface SignInSucceededDetail extends AuditDetailBase {
  username: string;
  method: SignInMethod;
  /** The app client the user signed in through. */
  clientId: string;
  /** With PASSKEY: the passkey used. */
  credentialId?: string;
}

/** An answer was refused (the Verify trigger). */
export interface SignInRefusedDetail extends AuditDetailBase {
  /** Absent when the answer named no method Latchkey has. */
  method?: SignInMethod;
  /** The stable reason, as the log line has it ("wrong code", "link not redeemable", "user not found"...). */
  reason: string;
  clientId: string;
  /**
   * Only for an account Cognito found (refused, say, because its email is not verified); absent for an
   * unknown user, whose "username" is whatever was typed.
   */
  username?: string;
}

/** A sign-in email (a link and a code) went to the user's verified address (POST /magic-links). */
export interface MagicLinkIssuedDetail extends AuditDetailBase {
  username: string;
  /** The app client the link and code redeem through. */
  clientId: string;
  /** Whether the link opens only in the browser that asked for it. */
  sameBrowser: boolean;
  /** When the link and code stop working, ISO 8601. */
  expiresAt: string;
}

/** A step-up code went to the signed-in user's verified address (POST /step-up/codes, EMAIL_CODE). */
export interface EmailCodeIssuedDetail extends AuditDetailBase {
  username: string;
  clientId: string;
  purpose: "step-up";
  expiresAt: string;
}

/** A code went by text to the user's verified phone number (POST /sms-codes, or a step-up by text). */
export interface SmsCodeIssuedDetail extends AuditDetailBase {
  username: string;
  clientId: string;
  purpose: "sign-in" | "step-up";
  expiresAt: string;
}

/** A signed-in user proved themselves again for one action (a sign-in whose ClientMetadata named stepUpAction). */
export interface StepUpSucceededDetail extends AuditDetailBase {
  username: string;
  method: SignInMethod;
  clientId: string;
  /** The action the new access token is bound to (its step_up_action claim). */
  action: string;
  credentialId?: string;
}

/** An administrator deleted passkeys of a user (the admin API). */
export interface PasskeysRevokedByAdminDetail extends AuditDetailBase {
  username: string;
  credentialIds: string[];
  /** The IAM principal that called the admin API, as API Gateway names it. */
  principal?: string;
}

/** An administrator revoked a user's outstanding links and codes (the admin API). */
export interface SignInsRevokedByAdminDetail extends AuditDetailBase {
  username: string;
  /** Sign-in and step-up emails whose link and code no longer redeem. */
  emails: number;
  /** Sign-in and step-up texts whose code no longer redeems. */
  texts: number;
  principal?: string;
}

/** An administrator signed a user out everywhere (the admin API). */
export interface SignedOutByAdminDetail extends AuditDetailBase {
  username: string;
  principal?: string;
}

/** Each EventBridge `detail-type` and its detail (docs/audit-events.md). */
export interface AuditEventDetails {
  PasskeyRegistered: PasskeyRegisteredDetail;
  PasskeyRenamed: PasskeyRenamedDetail;
  PasskeyDeleted: PasskeyDeletedDetail;
  SignInSucceeded: SignInSucceededDetail;
  SignInRefused: SignInRefusedDetail;
  MagicLinkIssued: MagicLinkIssuedDetail;
  EmailCodeIssued: EmailCodeIssuedDetail;
  SmsCodeIssued: SmsCodeIssuedDetail;
  StepUpSucceeded: StepUpSucceededDetail;
  PasskeysRevokedByAdmin: PasskeysRevokedByAdminDetail;
  SignInsRevokedByAdmin: SignInsRevokedByAdminDetail;
  SignedOutByAdmin: SignedOutByAdminDetail;
}

export type AuditEventType = keyof AuditEventDetails;

/** One audit event: its detail type and detail. */
export type AuditEvent = { [T in AuditEventType]: { detailType: T; detail: AuditEventDetails[T] } }[AuditEventType];
