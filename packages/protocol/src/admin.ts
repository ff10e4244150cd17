import type { Passkey } from "./passkey.ts";

/**
 * The admin API, for support staff: its own HTTP API and function, every route IAM-authorized (SigV4,
 * `execute-api:Invoke`), never called from a browser. A user is addressed by their Cognito username
 * (the opaque UUID passkeys use as their user handle); `lookupUserByEmail` finds the username for an
 * address.
 */
export interface AdminRoute {
  method: "GET" | "POST" | "DELETE";
  /** Parameters as `:name`. */
  path: string;
}

/** Every route of the admin API; the admin app serves exactly these and the CDK declares exactly these. */
export const adminRoutes = {
  /** Query `?email=<address>`; answers the AdminUser whose email it is, verified or not. */
  lookupUserByEmail: { method: "GET", path: "/admin/users" },
  /** Answers the AdminUser of that username (an email or another alias is not a username: 404). */
  getUser: { method: "GET", path: "/admin/users/:username" },
  /** Answers the user's AdminPasskey[], every RP ID's, oldest first. */
  listPasskeys: { method: "GET", path: "/admin/users/:username/passkeys" },
  /** Revokes one passkey of the user; answers PasskeysRevoked. Another user's passkey is a 404 NOT_FOUND. */
  revokePasskey: { method: "DELETE", path: "/admin/users/:username/passkeys/:credentialId" },
  /** Revokes every passkey of the user; answers PasskeysRevoked. */
  revokePasskeys: { method: "DELETE", path: "/admin/users/:username/passkeys" },
  /** Revokes the user's outstanding magic links, email codes and texted codes; answers SignInsRevoked. */
  revokeSignIns: { method: "DELETE", path: "/admin/users/:username/sign-ins" },
  /** Signs the user out everywhere (Cognito AdminUserGlobalSignOut); answers 204. */
  signOut: { method: "POST", path: "/admin/users/:username/sign-out" },
} as const satisfies Record<string, AdminRoute>;

/**
 * The stable `code` of every admin API error body, as ErrorCode is the public api's: never renamed or
 * reused for another meaning.
 */
export type AdminErrorCode =
  /** A path parameter or the query is not what the route accepts. */
  | "BAD_REQUEST"
  /** `?email=` is not an email address. */
  | "INVALID_EMAIL"
  /**
   * The request did not come through the IAM authorizer (no SigV4-verified caller in its API Gateway
   * event): the function refuses it itself, whatever route it names.
   */
  | "FORBIDDEN"
  /** No such route, or no such passkey of that user. */
  | "NOT_FOUND"
  /** No user has that username (or that email, for lookupUserByEmail). */
  | "USER_NOT_FOUND"
  /** Cognito or DynamoDB failed; try again later. */
  | "SERVICE_UNAVAILABLE"
  /** A bug or a misconfiguration; nothing more is said. */
  | "INTERNAL";

/** The JSON body of every admin API error: a stable code and a message for people, never a stack. */
export interface AdminErrorBody {
  code: AdminErrorCode;
  message: string;
}

/** A user as the pool has them now. Absent values are null, so the shape is fixed. */
export interface AdminUser {
  username: string;
  email: string | null;
  emailVerified: boolean;
  /** E.164. */
  phoneNumber: string | null;
  phoneNumberVerified: boolean;
  /** False once disabled: a disabled user can neither sign in nor refresh. */
  enabled: boolean;
  /** Cognito's UserStatus: CONFIRMED, FORCE_CHANGE_PASSWORD (what Latchkey's sign-up creates), ... */
  status: string;
}

/** One of a user's passkeys as support staff see it: what the user sees, and the authenticator's AAGUID. */
export interface AdminPasskey extends Passkey {
  /** The authenticator model's AAGUID; all zeros when the authenticator hides it. */
  aaguid: string;
}

/** The body of revokePasskey and revokePasskeys. */
export interface PasskeysRevoked {
  /** The credential IDs revoked by this request (one that was already gone is not among them). */
  revoked: string[];
}

/** The body of revokeSignIns: how many outstanding sign-ins were ended. */
export interface SignInsRevoked {
  /** Sign-in and step-up emails whose link and code no longer redeem. */
  emails: number;
  /** Sign-in and step-up texts whose code no longer redeems. */
  texts: number;
}
