import type { PoolAccount } from "@latchkey/core";
import type { AdminUser } from "@latchkey/protocol";

/** A pool account as the admin API answers it, absent values as null. */
export const toAdminUser = (account: PoolAccount): AdminUser => ({
  username: account.username,
  email: account.email ?? null,
  emailVerified: account.emailVerified,
  phoneNumber: account.phoneNumber ?? null,
  phoneNumberVerified: account.phoneNumberVerified,
  enabled: account.enabled,
  status: account.status,
});
