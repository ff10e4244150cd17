export type { Passkey } from "@latchkey/protocol";
export { deletePasskey } from "./delete-passkey.ts";
export { listPasskeys } from "./list-passkeys.ts";
export { registerPasskey } from "./register-passkey.ts";
export { renamePasskey } from "./rename-passkey.ts";
export { signInWithPasskey } from "./sign-in-with-passkey.ts";
export { upgradeToPasskey } from "./upgrade-to-passkey.ts";
