import { answerChallenge } from "../auth/answer-challenge.ts";
import type { CallerInfo } from "../caller.ts";
import { invalidParameter, notAuthorized } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { requireClient } from "./guards.ts";
import { type Input, optionalString, optionalStringMap, requiredString } from "./input.ts";

export async function respondToAuthChallenge(ctx: PoolContext, input: Input, caller: CallerInfo) {
  const clientId = requireClient(ctx, input);
  const challengeName = requiredString(input, "ChallengeName");
  // Every Session this pool hands out is for a custom challenge.
  if (challengeName !== "CUSTOM_CHALLENGE") throw invalidParameter(`Invalid challenge name ${challengeName}.`);
  const session = optionalString(input, "Session");
  if (session === undefined) throw notAuthorized("Invalid session for the user.");
  const responses = optionalStringMap(input, "ChallengeResponses") ?? {};
  const clientMetadata = optionalStringMap(input, "ClientMetadata");
  return answerChallenge(ctx, caller, clientId, session, responses, clientMetadata);
}
