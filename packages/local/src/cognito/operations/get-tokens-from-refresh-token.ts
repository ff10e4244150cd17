import { refreshTokens } from "../auth/refresh-tokens.ts";
import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { requireClient } from "./guards.ts";
import { type Input, optionalStringMap, requiredString } from "./input.ts";

/**
 * What AWS Amplify v6 refreshes with. The clients have no secret and no device tracking, so
 * ClientSecret and DeviceKey change nothing; without rotation the answer holds no RefreshToken.
 */
export async function getTokensFromRefreshToken(ctx: PoolContext, input: Input, caller: CallerInfo) {
  const clientId = requireClient(ctx, input);
  const refreshToken = requiredString(input, "RefreshToken");
  const clientMetadata = optionalStringMap(input, "ClientMetadata");
  return { AuthenticationResult: await refreshTokens(ctx, caller, clientId, refreshToken, clientMetadata) };
}
