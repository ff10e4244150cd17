/**
 * What support staff may do to an account (the admin API): revoke its passkeys and its outstanding
 * sign-ins. Only the admin function imports this.
 */
export * from "./admin-config.ts";
export * from "./revoke-passkeys.ts";
export * from "./revoke-sign-ins.ts";
