import type { PreSignUpAdminCreateUserTriggerEvent, PreSignUpEmailTriggerEvent } from "aws-lambda";
import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { baseEvent, type TriggerSubject, withClientMetadata } from "./base-event.ts";

export interface PreSignUpInput {
  subject: TriggerSubject;
  /** Only the attributes the request supplied: the user doesn't exist yet, so no sub or status. */
  userAttributes: Record<string, string>;
  /** The request's ValidationData; Cognito sends the key even when there is none. */
  validationData: Record<string, string> | undefined;
  clientMetadata: Record<string, string> | undefined;
}

export function preSignUpEvent(
  ctx: PoolContext,
  caller: CallerInfo,
  input: PreSignUpInput,
  triggerSource: "PreSignUp_SignUp" | "PreSignUp_AdminCreateUser",
): PreSignUpEmailTriggerEvent | PreSignUpAdminCreateUserTriggerEvent {
  return {
    ...baseEvent(ctx, caller, input.subject, triggerSource),
    request: {
      userAttributes: input.userAttributes,
      validationData: input.validationData,
      ...withClientMetadata(input.clientMetadata),
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  };
}
