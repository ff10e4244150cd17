import type { SignInClientMetadata, SignInMethod } from "@latchkey/protocol";
import { LatchkeyClientError } from "../errors.ts";
import { defaultSession } from "../session/default-session.ts";
import { recordSignInMethod } from "../session/sign-in-method.ts";
import type { Tokens } from "../session/tokens.ts";
import type { LatchkeyUser } from "../session/user.ts";
import { answerChallenge } from "../sign-in-with-answer.ts";

/** The protocol's STEP_UP_ACTION_PATTERN (the client bundles none of the protocol's values). */
const ACTION = /^[a-z][a-z0-9-]{0,31}$/;

/** Refuses a malformed action before anything is proven: the trigger would refuse it after the proof. */
export function checkAction(action: string | undefined): void {
  if (action !== undefined && !ACTION.test(action)) {
    throw new LatchkeyClientError("BAD_REQUEST", "An action is a-z, 0-9 and hyphens, a letter first, at most 32.");
  }
}

/**
 * A step-up's CUSTOM_AUTH sign-in, as the signed-in user (their username, never one the caller names),
 * with the action in ClientMetadata. The session keeps the new tokens only if they are that user's.
 */
export async function stepUpWithAnswer(input: {
  signInMethod: SignInMethod;
  answer: (user: LatchkeyUser) => Promise<string>;
  action: string | undefined;
  clientMetadata?: Partial<SignInClientMetadata>;
}): Promise<Tokens> {
  checkAction(input.action);
  const session = defaultSession();
  return session.stepUp(async (user) => {
    const tokens = await answerChallenge(session.config, {
      username: user.username,
      signInMethod: input.signInMethod,
      answer: await input.answer(user),
      clientMetadata: {
        ...input.clientMetadata,
        ...(input.action && { stepUpAction: input.action }),
      } as Record<string, string>,
    });
    recordSignInMethod(session.config, tokens.idToken, input.signInMethod);
    return tokens;
  });
}
