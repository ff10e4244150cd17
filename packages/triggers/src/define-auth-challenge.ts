import type { DefineAuthChallengeTriggerEvent } from "aws-lambda";

/**
 * One custom challenge per Cognito session: a correct answer issues tokens, anything else fails.
 * A client that wants another try starts a new InitiateAuth; retry limits (e.g. three wrong email
 * codes) are counted in DynamoDB by the verifiers, across sessions.
 */
export function defineAuthChallenge(event: DefineAuthChallengeTriggerEvent): DefineAuthChallengeTriggerEvent {
  const { session } = event.request;
  const last = session.at(-1);
  if (session.length === 0) {
    event.response.challengeName = "CUSTOM_CHALLENGE";
    event.response.issueTokens = false;
    event.response.failAuthentication = false;
  } else if (
    session.length === 1 &&
    last?.challengeName === "CUSTOM_CHALLENGE" &&
    last.challengeResult === true &&
    event.request.userNotFound !== true
  ) {
    event.response.issueTokens = true;
    event.response.failAuthentication = false;
  } else {
    event.response.issueTokens = false;
    event.response.failAuthentication = true;
  }
  return event;
}
