import { randomInt } from "node:crypto";
import { hashSecret } from "../random.ts";

/** Cognito's attribute verification codes stay valid for 24 hours. */
const codeTtlMs = 24 * 3600 * 1000;

interface PendingCode {
  /** The address the code was sent to, lower-cased. */
  email: string;
  codeHash: string;
  expiresAt: number;
}

export type CodeRedemption = "verified" | "mismatch" | "expired";

/**
 * Email verification codes: one outstanding per user, a new one replacing the last, kept as a hash.
 * A code verifies only the address it was sent to, so one sent before an email change can't verify
 * the new address.
 */
export class VerificationCodeStore {
  private readonly pending = new Map<string, PendingCode>();

  issue(username: string, email: string, now: number): string {
    const code = String(randomInt(1_000_000)).padStart(6, "0");
    this.pending.set(username, { email: email.toLowerCase(), codeHash: hashSecret(code), expiresAt: now + codeTtlMs });
    return code;
  }

  /** A right code is used up; a wrong one leaves the outstanding code in place. */
  redeem(username: string, email: string, code: string, now: number): CodeRedemption {
    const pending = this.pending.get(username);
    if (pending === undefined || pending.expiresAt <= now) return "expired";
    if (pending.email !== email.toLowerCase() || pending.codeHash !== hashSecret(code)) return "mismatch";
    this.pending.delete(username);
    return "verified";
  }
}
