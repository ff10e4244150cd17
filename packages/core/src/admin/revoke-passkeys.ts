import { isLatchkeyError } from "../errors.ts";
import { deleteCredential } from "../passkeys/store/delete-credential.ts";
import { listCredentials } from "../passkeys/store/list-credentials.ts";
import type { TableRef } from "../table/table-schema.ts";

/**
 * Deletes every passkey of the user, each as the user's own deletion does (a conditional delete, then
 * its slot back), all at once; the user index lists them. One the user deleted meanwhile is left out.
 * Once deleted, a passkey no longer signs in: the verify trigger finds no credential. Resolves with
 * the IDs deleted.
 */
export async function revokeAllPasskeys(table: TableRef, username: string): Promise<string[]> {
  const passkeys = await listCredentials(table, username);
  const deleted = await Promise.all(
    passkeys.map(({ id }) =>
      deleteCredential(table, { username, id }).then(
        () => id,
        (error: unknown) => {
          if (isLatchkeyError(error) && error.code === "NOT_FOUND") return undefined;
          throw error;
        },
      ),
    ),
  );
  return deleted.filter((id) => id !== undefined);
}
