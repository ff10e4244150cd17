import { pickPasskey } from "../passkeys/sign-in-with-passkey.ts";
import type { Tokens } from "../session/tokens.ts";
import { stepUpWithAnswer } from "./step-up-with-answer.ts";

/**
 * Proves the signed-in user again with one of their passkeys (the browser offers only theirs) and
 * keeps the fresh tokens, whose auth_time is new; with `action`, the access token counts as a recent
 * sign-in for that action only. Nobody is signed out meanwhile. Rejects with STEP_UP_USER_MISMATCH
 * should the tokens be another account's (nothing is stored then), CANCELLED, NOT_ALLOWED and the like.
 */
export async function stepUpWithPasskey(input: { action?: string; signal?: AbortSignal } = {}): Promise<Tokens> {
  return stepUpWithAnswer({
    signInMethod: "PASSKEY",
    action: input.action,
    answer: async (user) => JSON.stringify(await pickPasskey(user.username, false, input.signal)),
  });
}
