import { revokeUserLinks } from "../magic-links/store/revoke-user-links.ts";
import type { Clock } from "../ports.ts";
import { revokeSmsCodes } from "../sms/store/revoke-sms-codes.ts";
import type { TableRef } from "../table/table-schema.ts";

export interface RevokedSignIns {
  /** Emails (sign-in or step-up) whose link and code were still live. */
  emails: number;
  /** Texts (sign-in or step-up) whose code was still live. */
  texts: number;
}

/**
 * Ends the user's outstanding sign-ins by email and by text: every magic link and email code (a read
 * of the address they are kept under, one write there: see revokeUserLinks) and every texted code (a query of the user's partition, a delete
 * each). Sign-ins already made are not touched: signing out everywhere is Cognito's.
 */
export async function revokeSignIns(
  context: { table: TableRef; clock: Clock },
  username: string,
): Promise<RevokedSignIns> {
  const nowSeconds = Math.floor(context.clock.now() / 1000);
  const [emails, texts] = await Promise.all([
    revokeUserLinks(context.table, username, nowSeconds),
    revokeSmsCodes(context.table, username, nowSeconds),
  ]);
  return { emails, texts };
}
