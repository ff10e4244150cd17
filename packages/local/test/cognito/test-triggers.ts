import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PostAuthenticationTriggerEvent,
  PreAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from "aws-lambda";
import type { CognitoTriggers } from "../../src/cognito/index.ts";

export type TriggerEvent =
  | PreSignUpTriggerEvent
  | PreAuthenticationTriggerEvent
  | DefineAuthChallengeTriggerEvent
  | CreateAuthChallengeTriggerEvent
  | VerifyAuthChallengeResponseTriggerEvent
  | PreTokenGenerationTriggerEvent
  | PostAuthenticationTriggerEvent;

/** Every trigger a pool can have, with pre token generation as V1_0 (the two versions exclude each other). */
export type AllV1Triggers = Required<Omit<CognitoTriggers, "preTokenGenerationV2">>;

export const rightAnswer = "open sesame";
export const maxAttempts = 3;

/** The events a pool's triggers received, in order, as copies. */
export class EventLog {
  readonly events: TriggerEvent[] = [];

  record<E extends TriggerEvent>(event: E): E {
    this.events.push(structuredClone(event));
    return event;
  }

  of<S extends TriggerEvent["triggerSource"]>(source: S): Extract<TriggerEvent, { triggerSource: S }>[] {
    return this.events.filter((e): e is Extract<TriggerEvent, { triggerSource: S }> => e.triggerSource === source);
  }
}

/**
 * A password-question challenge: the answer must be `rightAnswer`; up to three tries per sign-in; an
 * unknown user is led on like any other and never succeeds. Every event is recorded.
 */
export function recordingTriggers(log: EventLog): AllV1Triggers {
  return {
    preSignUp: async (event) => log.record(event),
    preAuthentication: async (event) => log.record(event),
    defineAuthChallenge: async (event) => {
      log.record(event);
      const { session, userNotFound } = event.request;
      const last = session.at(-1);
      if (last?.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult && !userNotFound) {
        event.response.issueTokens = true;
      } else if (session.length < maxAttempts) {
        event.response.challengeName = "CUSTOM_CHALLENGE";
      } else {
        event.response.failAuthentication = true;
      }
      return event;
    },
    createAuthChallenge: async (event) => {
      log.record(event);
      event.response.publicChallengeParameters = { question: "What is the password?" };
      event.response.privateChallengeParameters = { answer: rightAnswer };
      event.response.challengeMetadata = `QUESTION-${event.request.session.length + 1}`;
      return event;
    },
    verifyAuthChallengeResponse: async (event) => {
      log.record(event);
      event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
      return event;
    },
    preTokenGeneration: async (event) => log.record(event),
    postAuthentication: async (event) => log.record(event),
  };
}
