import type { LatchkeyConfig } from "../config.ts";
import type { AuditEvents, Clock, PhoneUser, SmsSender } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import { parsePhoneNumber } from "./parse-phone-number.ts";
import { admitSmsText, type SmsCodeIssuance, textSmsCode } from "./sms-text-steps.ts";

export interface IssueStepUpSmsCodeContext {
  config: LatchkeyConfig;
  table: TableRef;
  sms: SmsSender;
  clock: Clock;
  auditEvents: AuditEvents;
}

export interface StepUpSmsCodeRequest {
  /** The signed-in user and their verified number, as the pool has them now (their token just passed GetUser). */
  user: PhoneUser;
  /** The app client of the user's access token: the code redeems only through it. */
  clientId: string;
  /** SHA-256 of a verifier the requesting browser keeps: only that browser can try the code. */
  bindingHash: string;
  /** The domain of the page that asked, when it is an allowed origin: for the origin-bound code line. */
  host: string | undefined;
  ip: string;
}

/**
 * Texts a signed-in user a code to prove again: the code of a sign-in text, stored where a sign-in
 * text's code is, so it redeems as an SMS_CODE sign-in of that user (three tries in the asking
 * browser, one conditional write), and counted against the same hourly budgets (the number's, its
 * range's, the network's and the deployment's) under the same destination policy. The caller has
 * verified the access token; nobody else can make this text. At most two DynamoDB calls and one text.
 */
export async function issueStepUpSmsCode(
  context: IssueStepUpSmsCodeContext,
  request: StepUpSmsCodeRequest,
): Promise<SmsCodeIssuance> {
  const { user } = request;
  const nowSeconds = Math.floor(context.clock.now() / 1000);
  const number = parsePhoneNumber(user.phoneNumber);
  const admitted = await admitSmsText(context, { number, ip: request.ip, nowSeconds });
  if (!admitted.ok) return admitted;
  await textSmsCode(context, {
    purpose: "step-up",
    to: number,
    subject: { username: user.username },
    codeOwner: user.username,
    bindingHash: request.bindingHash,
    clientId: request.clientId,
    host: request.host,
    nowSeconds,
  });
  return { ok: true };
}
