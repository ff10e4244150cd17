import { LatchkeyError } from "@latchkey/core";
import { STEP_UP_ACTION_CLAIM, STEP_UP_ACTION_PATTERN } from "@latchkey/protocol";
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";

/**
 * Binds a step-up to its action: a sign-in whose RespondToAuthChallenge named `stepUpAction` in
 * ClientMetadata gets an access token with that action as the step_up_action claim. Only the V2_0
 * event can change the access token, so a V1 event with an action is refused rather than let through
 * unbound; a malformed action is refused too (the client checks it before it sends). A refresh binds
 * nothing: its ClientMetadata is the refreshing app's, not a proof's.
 */
export function preTokenGeneration(event: PreTokenGenerationV2TriggerEvent): PreTokenGenerationV2TriggerEvent {
  const action = event.request.clientMetadata?.stepUpAction;
  if (action === undefined || event.triggerSource === "TokenGeneration_RefreshTokens") return event;
  if (event.version !== "2") {
    throw new LatchkeyError("INTERNAL", "pre token generation must be configured as V2_0 to bind a step-up");
  }
  if (!STEP_UP_ACTION_PATTERN.test(action)) throw new LatchkeyError("BAD_REQUEST", "stepUpAction is malformed");
  event.response = {
    claimsAndScopeOverrideDetails: {
      ...event.response?.claimsAndScopeOverrideDetails,
      accessTokenGeneration: { claimsToAddOrOverride: { [STEP_UP_ACTION_CLAIM]: action } },
    },
  };
  return event;
}
