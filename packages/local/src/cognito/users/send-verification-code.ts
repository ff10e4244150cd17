import { CognitoError } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import type { UserRecord } from "./user-record.ts";

/** Where a code went, masked the way Cognito shows it: "a***@e***". */
export function maskEmail(email: string): string {
  return `${email.charAt(0)}***@${email.charAt(email.lastIndexOf("@") + 1)}***`;
}

// Cognito's default VerificationMessageTemplate for email.
const subject = "Your verification code";
const message = (code: string) => `Your verification code is ${code}.`;

// The service's wording for a failed delivery isn't documented.
const deliveryFailed = () =>
  new CognitoError("CodeDeliveryFailureException", "Unable to deliver the verification code.");

/**
 * Issues a new code for the user's email and mails it through the pool's sender; returns the
 * CodeDeliveryDetails Cognito answers with.
 */
export async function sendVerificationCode(ctx: PoolContext, user: UserRecord, email: string) {
  const send = ctx.sendEmail;
  if (send === undefined) throw deliveryFailed();
  const code = ctx.verificationCodes.issue(user.username, email, ctx.now());
  try {
    await send({ to: email, subject, text: message(code), html: `<p>${message(code)}</p>` });
  } catch (error) {
    console.error("cognito emulator: the verification code could not be sent", error);
    throw deliveryFailed();
  }
  return { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: maskEmail(email) };
}
