import type { LatchkeyConfig } from "../config.ts";
import { LatchkeyError } from "../errors.ts";
import { networkKey } from "../magic-links/network-key.ts";
import type { Clock, PhoneUser, SmsSender, UserDirectory } from "../ports.ts";
import type { SmsCodeSubject } from "../table/item-keys.ts";
import type { TableRef } from "../table/table-schema.ts";
import { unavailable } from "../unavailable.ts";
import { countSmsRequest } from "./count-sms-request.ts";
import { isDestinationAllowed, numberRange } from "./destination-policy.ts";
import { newSmsCode } from "./new-sms-code.ts";
import type { PhoneNumber } from "./parse-phone-number.ts";
import { smsCodeText } from "./sms-code-text.ts";
import { smsHashes } from "./sms-hashes.ts";
import { putSmsCode } from "./store/put-sms-code.ts";

export interface IssueSmsCodeContext {
  config: LatchkeyConfig;
  table: TableRef;
  directory: Pick<UserDirectory, "findByPhoneNumber" | "createPhoneUser">;
  sms: SmsSender;
  clock: Clock;
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

/** Refused only by a budget, so the reason never tells a known number from an unknown one. */
export type SmsCodeIssuance = { ok: true } | { ok: false; reason: string; retryAfter: number };

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
  const { config, table, clock } = context;
  const settings = config.sms;
  const number = request.phoneNumber;
  if (!isDestinationAllowed(number, settings)) {
    throw new LatchkeyError("SMS_DESTINATION_NOT_ALLOWED", "Sign-in texts are not sent to this number.");
  }
  const hashes = smsHashes(config.passkeys.challengeSecret);
  const nowSeconds = Math.floor(clock.now() / 1000);
  const numberHash = hashes.number(number);
  const counted = await countSmsRequest(table, {
    keys: { numberHash, rangeHash: hashes.range(numberRange(number)), ipHash: hashes.ip(networkKey(request.ip)) },
    nowSeconds,
    budgets: settings,
  }).catch(unavailable("accept the request"));
  if (!counted.allowed) return { ok: false, reason: "SMS budget used up", retryAfter: counted.retryAfter };

  const user = await findOrCreateUser(context, number);
  const subject: SmsCodeSubject = user ? { username: user.username } : { numberHash };
  const code = newSmsCode();
  if (user) {
    const text = smsCodeText({
      appName: config.passkeys.relyingPartyName,
      code,
      host: request.host,
      expiresInMinutes: Math.round(settings.codeExpirySeconds / 60),
    });
    await context.sms.send({ to: user.phoneNumber, text }).catch(unavailable("send the text"));
  }
  await putSmsCode(table, {
    subject,
    requesterHash: request.bindingHash,
    codeHash: hashes.code(user?.username ?? `unknown:${numberHash}`, request.clientId, code),
    expiresAt: nowSeconds + settings.codeExpirySeconds,
  }).catch(unavailable("store the code"));
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
