import { DEFAULT_METRICS_NAMESPACE, type LatchkeyConfig } from "@latchkey/core";
import { runInvocation } from "@latchkey/core/telemetry";
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

/** What Lambda's context tells a trigger: its invocation's request id. */
export interface TriggerContext {
  awsRequestId?: string;
}

/**
 * A trigger run as one invocation, which ends with its log line (flow, outcome, duration, metrics),
 * whose failures reach Cognito as a stable code only (see triggerError).
 */
function invocation<E>(name: string, flow: string, namespace: string, trigger: (event: E) => Promise<E>) {
  return (event: E, context?: TriggerContext): Promise<E> =>
    runInvocation({ flow, requestId: context?.awsRequestId, msg: "trigger", namespace }, async () => {
      try {
        return await trigger(event);
      } catch (error) {
        throw triggerError(name, error);
      }
    });
}

/**
 * The custom-auth triggers and pre token generation (V2_0), separately and as one combined handler.
 * Define, Create and pre token generation need no dependencies; `deps` may be a loader, run on the first Verify, so that the rounds that only route
 * the flow never pay for the AWS SDK clients. `config` names the metrics' namespace: the deps' by default.
 */
export function createTriggers(
  deps: TriggerDeps | (() => Promise<TriggerDeps>),
  config: Pick<LatchkeyConfig, "metricsNamespace"> | undefined = typeof deps === "function" ? undefined : deps.config,
) {
  const namespace = config?.metricsNamespace ?? DEFAULT_METRICS_NAMESPACE;
  let loaded: Promise<TriggerDeps> | undefined;
  const resolveDeps = () => {
    loaded ??= typeof deps === "function" ? deps() : Promise.resolve(deps);
    // A failed load (e.g. a bad key) is retried on the next invocation rather than cached.
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
  const defineAuth = invocation(
    "DefineAuthChallenge",
    "defineAuthChallenge",
    namespace,
    async (event: DefineAuthChallengeTriggerEvent) => defineAuthChallenge(event),
  );
  const createAuth = invocation(
    "CreateAuthChallenge",
    "createAuthChallenge",
    namespace,
    async (event: CreateAuthChallengeTriggerEvent) => createAuthChallenge(event),
  );
  const verifyAuth = invocation(
    "VerifyAuthChallengeResponse",
    "verifyAuthChallengeResponse",
    namespace,
    async (event: VerifyAuthChallengeResponseTriggerEvent) => verifyAuthChallenge(await resolveDeps(), event),
  );
  const preToken = invocation(
    "PreTokenGeneration",
    "preTokenGeneration",
    namespace,
    async (event: PreTokenGenerationV2TriggerEvent) => preTokenGeneration(event),
  );

  /** One Lambda function for all the triggers, dispatched on triggerSource, to share one warm container. */
  async function handler(event: CustomAuthEvent, context?: TriggerContext): Promise<CustomAuthEvent> {
    switch (event.triggerSource) {
      case "DefineAuthChallenge_Authentication":
        return defineAuth(event as DefineAuthChallengeTriggerEvent, context);
      case "CreateAuthChallenge_Authentication":
        return createAuth(event as CreateAuthChallengeTriggerEvent, context);
      case "VerifyAuthChallengeResponse_Authentication":
        return verifyAuth(event as VerifyAuthChallengeResponseTriggerEvent, context);
      case "TokenGeneration_Authentication":
      case "TokenGeneration_RefreshTokens":
        return preToken(event as PreTokenGenerationV2TriggerEvent, context);
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
