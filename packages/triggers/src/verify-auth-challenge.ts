import { type AccountIdentifier, accountRefusal } from "@latchkey/core";
import { recordMetric } from "@latchkey/core/telemetry";
import type { SignInMethod } from "@latchkey/protocol";
import type { VerifyAuthChallengeResponseTriggerEvent } from "aws-lambda";
import type { TriggerDeps } from "./deps.ts";
import { reportAnswer } from "./report-answer.ts";
import { parseSignInMethod } from "./sign-in-method.ts";

/** The input every answer verifier gets: the Cognito username, the raw ANSWER and its context. */
export interface AnswerInput {
  /** The Cognito username, or for a user Cognito did not find, the name that was typed. */
  username: string;
  userNotFound: boolean;
  /** The account's email now, if the pool marks it verified: a link or email code must have gone there. */
  verifiedEmail: string | undefined;
  answer: string;
  /** The calling app client: one of the configured ones. */
  clientId: string;
  clientMetadata: Record<string, string>;
}

/** A checked answer: right (with the passkey it used, if one), or refused for a stable reason that never quotes the answer. */
export type AnswerCheck = { ok: true; credentialId?: string } | { ok: false; reason: string };

export type AnswerVerifier = (deps: TriggerDeps, input: AnswerInput) => Promise<AnswerCheck>;

/**
 * Verifiers are imported on demand so that only a passkey answer pays for loading
 * @simplewebauthn/server; define, create and the email paths stay light.
 */
const verifiers = {
  PASSKEY: async () => (await import("./passkeys/verify-passkey-answer.ts")).verifyPasskeyAnswer,
  MAGIC_LINK: async () => (await import("./magic-links/verify-magic-link-answer.ts")).verifyMagicLinkAnswer,
  EMAIL_CODE: async () => (await import("./magic-links/verify-email-code-answer.ts")).verifyEmailCodeAnswer,
  SMS_CODE: async () => (await import("./sms/verify-sms-code-answer.ts")).verifySmsCodeAnswer,
} satisfies Record<SignInMethod, () => Promise<AnswerVerifier>>;

/**
 * Checks the answer with the verifier of the method named in ClientMetadata, for an app client of ours,
 * and only then whether Cognito found a user that may sign in: an unknown user's answer, or one from an
 * account that may not sign in (the email or phone number the method proves not verified, not
 * confirmed), takes the very same work as a known user's wrong one and redeems nothing of the
 * account's, so the time a wrong answer takes does not tell accounts from non-accounts. Every answer
 * is reported (see reportAnswer), a refusal with its reason, never with the answer or the name typed,
 * and timed as VerifyLatency; a failing dependency throws, so it never turns into tokens.
 */
export async function verifyAuthChallenge(
  deps: TriggerDeps,
  event: VerifyAuthChallengeResponseTriggerEvent,
): Promise<VerifyAuthChallengeResponseTriggerEvent> {
  const started = performance.now();
  event.response.answerCorrect = false;
  const clientMetadata = event.request.clientMetadata ?? {};
  const method = parseSignInMethod(clientMetadata.signInMethod);
  try {
    const result = await check(deps, event, method, clientMetadata);
    reportAnswer(deps, event, method, result);
    event.response.answerCorrect = result.ok;
    return event;
  } finally {
    recordMetric("VerifyLatency", { Method: method }, Math.round((performance.now() - started) * 10) / 10);
  }
}

/**
 * What the method proves the account by: a texted code its verified phone number, a link or an email
 * code its verified email, a passkey neither (the account itself), so either will do.
 */
function identifiedBy(method: SignInMethod | undefined): AccountIdentifier {
  if (method === "SMS_CODE") return "phone_number";
  return method === "PASSKEY" ? "either" : "email";
}

async function check(
  deps: TriggerDeps,
  event: VerifyAuthChallengeResponseTriggerEvent,
  method: SignInMethod | undefined,
  clientMetadata: Record<string, string>,
): Promise<AnswerCheck> {
  const answer = event.request.challengeAnswer;
  const { clientId } = event.callerContext;
  // An account Cognito found but that may not sign in is refused like one it did not find.
  const attributes = event.request.userAttributes;
  const account = {
    status: attributes["cognito:user_status"],
    emailVerified: attributes.email_verified,
    phoneNumberVerified: attributes.phone_number_verified,
  };
  const refusal = event.request.userNotFound ? "user not found" : accountRefusal(account, identifiedBy(method));
  const userNotFound = refusal !== undefined;
  if (!method) return { ok: false, reason: "unknown sign-in method" };
  if (typeof answer !== "string" || answer === "") return { ok: false, reason: "no answer" };
  if (!deps.config.clientIds.includes(clientId)) return { ok: false, reason: "unknown app client" };
  const verify = await verifiers[method]();
  const verifiedEmail = attributes.email_verified === "true" ? attributes.email : undefined;
  const answerer = { username: event.userName, userNotFound, verifiedEmail };
  const result = await verify(deps, { ...answerer, answer, clientId, clientMetadata });
  return refusal ? { ok: false, reason: refusal } : result;
}
