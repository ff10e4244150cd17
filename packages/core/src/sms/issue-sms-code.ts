import type { LatchkeyConfig } from "../config.ts";
import type { AuditEvents, Clock, PhoneUser, SmsSender, UserDirectory } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import { unavailable } from "../unavailable.ts";
import type { PhoneNumber } from "./parse-phone-number.ts";
import { admitSmsText, type SmsCodeIssuance, textSmsCode } from "./sms-text-steps.ts";

export type { SmsCodeIssuance };

export interface IssueSmsCodeContext {
  config: LatchkeyConfig;
  table: TableRef;
  directory: Pick<UserDirectory, "findByPhoneNumber" | "createPhoneUser">;
  sms: SmsSender;
  clock: Clock;
  auditEvents: AuditEvents;
}

export interface SmsCodeRequest {
  phoneNumber: PhoneNumber;
  /** SHA-256 of a verifier the requesting browser keeps: only that browser can try the code. */
  bindingHash: string;
  /** The app client that will redeem the code: one of the configured ones. */
  clientId: string;
  /** The domain of the page that asked, when it is an allowed origin: for the origin-bound code line. */
  host: string | undefined;
  ip: string;
}

/**
 * Texts a sign-in code. A number the deployment sends nothing to is refused first
 * (SMS_DESTINATION_NOT_ALLOWED: policy, the same for everyone). Then known and unknown numbers take
 * the same steps (one count against every hourly budget, a directory lookup, one write of the code's
 * hash, for the user or for the keyed number hash) and get the same result; only an account with
 * this number verified gets a text. At most two DynamoDB calls and one text. The text goes before the
 * code is stored, so a text that fails leaves nothing redeemable; a dependency that fails in a way a
 * retry may mend throws SERVICE_UNAVAILABLE (any other, a misconfiguration, throws as it is).
 */
export async function issueSmsCode(context: IssueSmsCodeContext, request: SmsCodeRequest): Promise<SmsCodeIssuance> {
  const number = request.phoneNumber;
  const nowSeconds = Math.floor(context.clock.now() / 1000);
  const admitted = await admitSmsText(context, { number, ip: request.ip, nowSeconds });
  if (!admitted.ok) return admitted;
  const user = await findOrCreateUser(context, number);
  await textSmsCode(context, {
    purpose: "sign-in",
    to: user?.phoneNumber,
    subject: user ? { username: user.username } : { numberHash: admitted.numberHash },
    codeOwner: user?.username ?? `unknown:${admitted.numberHash}`,
    bindingHash: request.bindingHash,
    clientId: request.clientId,
    host: request.host,
    nowSeconds,
  });
  return { ok: true };
}

/**
 * The account that signs in with this number, or a new one when sign-up is allowed. A number some
 * account holds but may not sign in with (unverified, say) stays nobody's: no text, and no sign-up.
 */
async function findOrCreateUser(context: IssueSmsCodeContext, number: PhoneNumber): Promise<PhoneUser | undefined> {
  const found = await context.directory.findByPhoneNumber(number).catch(unavailable("look up the account"));
  if (found || !context.config.magicLinks.allowSignUp) return found;
  return context.directory.createPhoneUser(number).catch(unavailable("create the account"));
}
