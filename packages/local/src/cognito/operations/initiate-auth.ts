import { refreshTokens } from "../auth/refresh-tokens.ts";
import { startCustomAuth } from "../auth/start-custom-auth.ts";
import type { CallerInfo } from "../caller.ts";
import { invalidParameter, missingParameter } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { requireClient } from "./guards.ts";
import { type Input, optionalStringMap, requiredString } from "./input.ts";

/** The pool's clients allow custom auth and refresh only: there are no passwords to check. */
export async function initiateAuth(ctx: PoolContext, input: Input, caller: CallerInfo) {
  const clientId = requireClient(ctx, input);
  const flow = requiredString(input, "AuthFlow");
  const parameters = optionalStringMap(input, "AuthParameters") ?? {};
  switch (flow) {
    case "CUSTOM_AUTH":
      return startCustomAuth(ctx, caller, clientId, parameters.USERNAME, optionalStringMap(input, "ClientMetadata"));
    case "REFRESH_TOKEN_AUTH":
    case "REFRESH_TOKEN": {
      const refreshToken = parameters.REFRESH_TOKEN;
      if (refreshToken === undefined) throw missingParameter("REFRESH_TOKEN");
      const result = await refreshTokens(ctx, caller, clientId, refreshToken, undefined);
      return { ChallengeParameters: {}, AuthenticationResult: result };
    }
    default:
      throw invalidParameter(`${flow} flow not enabled for this client`);
  }
}
