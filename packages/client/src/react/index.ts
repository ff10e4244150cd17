export { LatchkeyProvider } from "./latchkey-provider.ts";
export { type ActionState, useAction } from "./use-action.ts";
export { useAuth } from "./use-auth.ts";
export { usePasskeyAutofill } from "./use-passkey-autofill.ts";
export { type PasskeysState, usePasskeys } from "./use-passkeys.ts";
