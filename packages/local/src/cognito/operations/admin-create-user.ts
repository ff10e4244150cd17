import type { CallerInfo } from "../caller.ts";
import { emailExists, invalidParameter, phoneNumberExists, userNotFound } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { newUuid } from "../random.ts";
import { noClient } from "../triggers/base-event.ts";
import { invokeTrigger } from "../triggers/invoke-trigger.ts";
import { preSignUpEvent } from "../triggers/pre-sign-up-event.ts";
import { isEmail, isPhoneNumber, parseAttributeList } from "../users/attributes.ts";
import { userType } from "../users/user-type.ts";
import { requirePool } from "./guards.ts";
import { type Input, optionalNameValueMap, optionalString, optionalStringMap, requiredString } from "./input.ts";

/**
 * AdminCreateUser: Username is the email or the phone number (the pool's username attributes), which
 * becomes that attribute; the user gets a UUID username and FORCE_CHANGE_PASSWORD, as Cognito gives
 * every admin-created user (custom auth signs such users in all the same). No invitation is ever
 * sent, so MessageAction only matters for RESEND, which needs an existing user. PreSignUp runs, but
 * Cognito ignores its response for admin-created users.
 */
export async function adminCreateUser(ctx: PoolContext, input: Input, caller: CallerInfo) {
  requirePool(ctx, input);
  const login = requiredString(input, "Username");
  const messageAction = optionalString(input, "MessageAction");
  if (messageAction !== undefined && messageAction !== "SUPPRESS" && messageAction !== "RESEND") {
    throw invalidParameter(`Invalid MessageAction ${messageAction}.`);
  }
  if (messageAction === "RESEND") {
    const existing = ctx.users.find(login);
    if (existing === undefined) throw userNotFound();
    return { User: userType(existing) };
  }
  const by = isEmail(login) ? "email" : isPhoneNumber(login) ? "phone_number" : undefined;
  if (by === undefined) throw invalidParameter("Username should be either an email or a phone number.");
  const supplied = parseAttributeList(input.UserAttributes);
  const given = supplied[by];
  if (given !== undefined && given.toLowerCase() !== login.toLowerCase()) {
    throw invalidParameter(`The ${by} attribute must match the Username.`);
  }
  const userAttributes = { ...supplied, [by]: given ?? login };
  const taken = () => {
    if (userAttributes.email !== undefined && ctx.users.emailOwner(userAttributes.email)) {
      throw emailExists("UsernameExistsException");
    }
    if (userAttributes.phone_number !== undefined && ctx.users.phoneNumberOwner(userAttributes.phone_number)) {
      throw phoneNumberExists("UsernameExistsException");
    }
  };
  taken();
  const username = newUuid();
  const preSignUp = ctx.triggers.preSignUp;
  if (preSignUp !== undefined) {
    const subject = { clientId: noClient, userName: username };
    const validationData = optionalNameValueMap(input, "ValidationData");
    const clientMetadata = optionalStringMap(input, "ClientMetadata");
    const event = preSignUpEvent(
      ctx,
      caller,
      { subject, userAttributes, validationData, clientMetadata },
      "PreSignUp_AdminCreateUser",
    );
    await invokeTrigger(ctx, "PreSignUp", preSignUp, event);
  }
  taken();
  const now = ctx.now();
  const user = {
    username,
    attributes: { sub: username, ...userAttributes },
    status: "FORCE_CHANGE_PASSWORD" as const,
    enabled: true,
    createdAt: now,
    modifiedAt: now,
  };
  ctx.users.add(user);
  return { User: userType(user) };
}
