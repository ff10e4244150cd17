import type { CallerInfo } from "../caller.ts";
import { emailExists, invalidParameter } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { newUuid } from "../random.ts";
import { invokeTrigger } from "../triggers/invoke-trigger.ts";
import { preSignUpEvent } from "../triggers/pre-sign-up-event.ts";
import { isEmail, parseAttributeList } from "../users/attributes.ts";
import { requireClient } from "./guards.ts";
import { type Input, optionalNameValueMap, optionalStringMap, requiredString } from "./input.ts";

/**
 * SignUp in a pool whose username attribute is email: the Username is the email, the real username is
 * a new UUID. The user stays UNCONFIRMED unless PreSignUp confirms it. The password is required, as in
 * Cognito, but nothing in a custom-auth pool ever checks it, so it isn't kept. A client can't mark its
 * own email verified; only PreSignUp's autoVerifyEmail can.
 */
export async function signUp(ctx: PoolContext, input: Input, caller: CallerInfo) {
  const clientId = requireClient(ctx, input);
  const email = requiredString(input, "Username");
  requiredString(input, "Password");
  if (!isEmail(email)) throw invalidParameter("Username should be an email.");
  const { email_verified: _ignored, ...supplied } = parseAttributeList(input.UserAttributes);
  const userAttributes = { ...supplied, email };
  if (ctx.users.emailOwner(email)) throw emailExists("UsernameExistsException");
  const username = newUuid();
  let autoConfirm = false;
  let autoVerifyEmail = false;
  const preSignUp = ctx.triggers.preSignUp;
  if (preSignUp !== undefined) {
    const subject = { clientId, userName: username };
    const validationData = optionalNameValueMap(input, "ValidationData");
    const clientMetadata = optionalStringMap(input, "ClientMetadata");
    const event = preSignUpEvent(
      ctx,
      caller,
      { subject, userAttributes, validationData, clientMetadata },
      "PreSignUp_SignUp",
    );
    const verdict = await invokeTrigger(ctx, "PreSignUp", preSignUp, event);
    autoConfirm = verdict.autoConfirmUser === true;
    autoVerifyEmail = verdict.autoVerifyEmail === true;
  }
  // The trigger ran asynchronously: someone may have taken the email meanwhile.
  if (ctx.users.emailOwner(email)) throw emailExists("UsernameExistsException");
  const now = ctx.now();
  ctx.users.add({
    username,
    attributes: { sub: username, ...userAttributes, email_verified: String(autoVerifyEmail) },
    status: autoConfirm ? "CONFIRMED" : "UNCONFIRMED",
    enabled: true,
    createdAt: now,
    modifiedAt: now,
  });
  return { UserConfirmed: autoConfirm, UserSub: username };
}
