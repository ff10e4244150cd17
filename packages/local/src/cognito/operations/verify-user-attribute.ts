import { CognitoError, emailExists } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { verifyAccessToken } from "../tokens/verify-access-token.ts";
import { requireEmailAttribute } from "./email-attribute.ts";
import { type Input, requiredString } from "./input.ts";

/**
 * The code from the email marks the address it was sent to verified: the user's current one, or the
 * pending new one, which then replaces it if nobody took it meanwhile. A wrong code can be retried; one
 * that is used, past its 24 hours, or never sent asks for a new one, in Cognito's words.
 */
export async function verifyUserAttribute(ctx: PoolContext, input: Input) {
  const { user } = verifyAccessToken(ctx, requiredString(input, "AccessToken"));
  const email = requireEmailAttribute(input, user);
  const code = requiredString(input, "Code");
  if (user.pendingEmail !== undefined && ctx.users.emailOwner(email, user.username)) {
    throw emailExists("AliasExistsException");
  }
  const outcome = ctx.verificationCodes.redeem(user.username, email, code, ctx.now());
  if (outcome === "expired") {
    throw new CognitoError("ExpiredCodeException", "Invalid code provided, please request a code again.");
  }
  if (outcome === "mismatch") {
    throw new CognitoError("CodeMismatchException", "Invalid verification code provided, please try again.");
  }
  user.pendingEmail = undefined;
  ctx.users.setAttributes(user, { ...user.attributes, email, email_verified: "true" }, ctx.now());
  return {};
}
