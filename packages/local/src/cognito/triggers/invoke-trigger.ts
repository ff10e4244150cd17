import { CognitoError } from "../cognito-error.ts";

export const unrecognizableLambdaOutput = () =>
  new CognitoError("InvalidLambdaResponseException", "Unrecognizable lambda output");

/**
 * Calls a trigger as Cognito calls a Lambda: it gets its own copy of the event and only the returned
 * `response` comes back, copied again, so no trigger can reach into emulator state. A throw becomes
 * UserLambdaValidationException with Cognito's wording (which appends a period even after one).
 */
export async function invokeTrigger<E extends { response: object }>(
  name: string,
  trigger: (event: E) => Promise<E>,
  event: E,
): Promise<E["response"]> {
  let result: unknown;
  try {
    result = await trigger(structuredClone(event));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CognitoError("UserLambdaValidationException", `${name} failed with error ${message}.`);
  }
  const response = (result as { response?: unknown } | null | undefined)?.response;
  if (typeof response !== "object" || response === null) throw unrecognizableLambdaOutput();
  try {
    return structuredClone(response) as E["response"];
  } catch {
    throw unrecognizableLambdaOutput();
  }
}
