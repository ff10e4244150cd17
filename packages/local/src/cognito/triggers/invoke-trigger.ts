import { CognitoError } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";

export const unrecognizableLambdaOutput = () =>
  new CognitoError("InvalidLambdaResponseException", "Unrecognizable lambda output");

/** Cognito calls a trigger that has not answered in time again, up to three calls in all. */
const ATTEMPTS = 3;

/** What Cognito says once the last call has not answered in time either (as its users report it). */
const timedOut = (name: string) =>
  new CognitoError(
    "UnexpectedLambdaException",
    `${name} invocation failed due to error Socket timeout while invoking Lambda function.`,
  );

/**
 * Calls a trigger as Cognito calls a Lambda: it gets its own copy of the event and only the returned
 * `response` comes back, copied again, so no trigger can reach into emulator state. A throw becomes
 * UserLambdaValidationException with Cognito's wording (which appends a period even after one). A call
 * that takes longer than the pool's trigger timeout (Cognito's 5 seconds) is abandoned, to finish
 * unheard as a Lambda would, and the trigger is called again with a fresh copy; the third time, the
 * API call fails.
 */
export async function invokeTrigger<E extends { response: object }>(
  ctx: Pick<PoolContext, "triggerTimeoutMs">,
  name: string,
  trigger: (event: E) => Promise<E>,
  event: E,
): Promise<E["response"]> {
  let answer: Answer | undefined;
  for (let attempt = 1; answer === undefined; attempt++) {
    if (attempt > ATTEMPTS) throw timedOut(name);
    answer = await withinTimeout(ctx.triggerTimeoutMs, () => trigger(structuredClone(event)));
  }
  if (!answer.ok) {
    const { error } = answer;
    const message = error instanceof Error ? error.message : String(error);
    throw new CognitoError("UserLambdaValidationException", `${name} failed with error ${message}.`);
  }
  const response = (answer.result as { response?: unknown } | null | undefined)?.response;
  if (typeof response !== "object" || response === null) throw unrecognizableLambdaOutput();
  try {
    return structuredClone(response) as E["response"];
  } catch {
    throw unrecognizableLambdaOutput();
  }
}

type Answer = { ok: true; result: unknown } | { ok: false; error: unknown };

/** How the call settled, if it did within `ms`; else undefined, and whatever it does later is ignored. */
function withinTimeout(ms: number, call: () => Promise<unknown>): Promise<Answer | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    Promise.resolve()
      .then(call)
      .then(
        (result) => resolve({ ok: true, result }),
        (error: unknown) => resolve({ ok: false, error }),
      )
      .finally(() => clearTimeout(timer));
  });
}
