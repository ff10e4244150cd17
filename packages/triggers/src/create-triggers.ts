import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from "aws-lambda";
import { createAuthChallenge } from "./create-auth-challenge.ts";
import { defineAuthChallenge } from "./define-auth-challenge.ts";
import type { TriggerDeps } from "./deps.ts";
import { preTokenGeneration } from "./pre-token-generation.ts";
import { triggerError } from "./trigger-error.ts";
import { verifyAuthChallenge } from "./verify-auth-challenge.ts";

export type CustomAuthEvent =
  | DefineAuthChallengeTriggerEvent
  | CreateAuthChallengeTriggerEvent
  | VerifyAuthChallengeResponseTriggerEvent
  | PreTokenGenerationV2TriggerEvent;

/** A trigger whose failures reach Cognito as a stable code only (see triggerError). */
function failingWithCode<E>(name: string, trigger: (event: E) => Promise<E>) {
  return async (event: E): Promise<E> => {
    try {
      return await trigger(event);
    } catch (error) {
      throw triggerError(name, error);
    }
  };
}

/**
 * The custom-auth triggers and pre token generation (V2_0), separately and as one combined handler.
 * Define, Create and pre token generation need no dependencies; `deps` may be a loader, run on the first Verify, so that the rounds that only route
 * the flow never pay for the AWS SDK clients.
 */
export function createTriggers(deps: TriggerDeps | (() => Promise<TriggerDeps>)) {
  let loaded: Promise<TriggerDeps> | undefined;
  const resolveDeps = () => {
    loaded ??= typeof deps === "function" ? deps() : Promise.resolve(deps);
    // A failed load (e.g. a bad key) is retried on the next invocation rather than cached.
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
  const defineAuth = failingWithCode("DefineAuthChallenge", async (event: DefineAuthChallengeTriggerEvent) =>
    defineAuthChallenge(event),
  );
  const createAuth = failingWithCode("CreateAuthChallenge", async (event: CreateAuthChallengeTriggerEvent) =>
    createAuthChallenge(event),
  );
  const verifyAuth = failingWithCode(
    "VerifyAuthChallengeResponse",
    async (event: VerifyAuthChallengeResponseTriggerEvent) => verifyAuthChallenge(await resolveDeps(), event),
  );
  const preToken = failingWithCode("PreTokenGeneration", async (event: PreTokenGenerationV2TriggerEvent) =>
    preTokenGeneration(event),
  );

  /** One Lambda function for all the triggers, dispatched on triggerSource, to share one warm container. */
  async function handler(event: CustomAuthEvent): Promise<CustomAuthEvent> {
    switch (event.triggerSource) {
      case "DefineAuthChallenge_Authentication":
        return defineAuth(event as DefineAuthChallengeTriggerEvent);
      case "CreateAuthChallenge_Authentication":
        return createAuth(event as CreateAuthChallengeTriggerEvent);
      case "VerifyAuthChallengeResponse_Authentication":
        return verifyAuth(event as VerifyAuthChallengeResponseTriggerEvent);
      case "TokenGeneration_Authentication":
      case "TokenGeneration_RefreshTokens":
        return preToken(event as PreTokenGenerationV2TriggerEvent);
      default:
        throw new Error(`unsupported trigger ${(event as { triggerSource: string }).triggerSource}`);
    }
  }

  return {
    defineAuthChallenge: defineAuth,
    createAuthChallenge: createAuth,
    verifyAuthChallengeResponse: verifyAuth,
    preTokenGeneration: preToken,
    handler,
  };
}
