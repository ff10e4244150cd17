import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from "aws-lambda";
import { createAuthChallenge } from "./create-auth-challenge.ts";
import { defineAuthChallenge } from "./define-auth-challenge.ts";
import type { TriggerDeps } from "./deps.ts";
import { verifyAuthChallenge } from "./verify-auth-challenge.ts";

export type CustomAuthEvent =
  | DefineAuthChallengeTriggerEvent
  | CreateAuthChallengeTriggerEvent
  | VerifyAuthChallengeResponseTriggerEvent;

/** The custom-auth triggers bound to their dependencies, separately and as one combined handler. */
export function createTriggers(deps: TriggerDeps) {
  const defineAuth = async (event: DefineAuthChallengeTriggerEvent) => defineAuthChallenge(event);
  const createAuth = async (event: CreateAuthChallengeTriggerEvent) => createAuthChallenge(event);
  const verifyAuth = (event: VerifyAuthChallengeResponseTriggerEvent) => verifyAuthChallenge(deps, event);

  /** One Lambda function for all three triggers, dispatched on triggerSource, to share one warm container. */
  async function handler(event: CustomAuthEvent): Promise<CustomAuthEvent> {
    switch (event.triggerSource) {
      case "DefineAuthChallenge_Authentication":
        return defineAuth(event as DefineAuthChallengeTriggerEvent);
      case "CreateAuthChallenge_Authentication":
        return createAuth(event as CreateAuthChallengeTriggerEvent);
      case "VerifyAuthChallengeResponse_Authentication":
        return verifyAuth(event as VerifyAuthChallengeResponseTriggerEvent);
      default:
        throw new Error(`unsupported trigger ${(event as { triggerSource: string }).triggerSource}`);
    }
  }

  return {
    defineAuthChallenge: defineAuth,
    createAuthChallenge: createAuth,
    verifyAuthChallengeResponse: verifyAuth,
    handler,
  };
}
