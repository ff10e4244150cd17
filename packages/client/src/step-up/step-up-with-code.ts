import type { StepUpCodeMethod } from "@latchkey/protocol";
import { LatchkeyClientError } from "../errors.ts";
import { latestLinkVerifier } from "../magic-links/link-verifier.ts";
import { getUser } from "../session/default-session.ts";
import type { Tokens } from "../session/tokens.ts";
import { forgetSmsVerifier, smsVerifierFor } from "../sms/sms-verifier.ts";
import { stepUpWithAnswer } from "./step-up-with-answer.ts";

/**
 * Proves the signed-in user again with the code requestStepUpCode() sent by the same method (in this
 * browser it has three tries of its own) and keeps the fresh tokens, as stepUpWithPasskey() does;
 * `action` binds them. A texted code needs the verifier this browser kept when it asked.
 */
export async function stepUpWithCode(input: {
  code: string;
  action?: string;
  method?: StepUpCodeMethod;
}): Promise<Tokens> {
  const code = input.code.replace(/[\s-]/g, "");
  if (input.method === "SMS_CODE") return stepUpWithTextedCode(code, input.action);
  if (!/^\d{6}$/.test(code)) throw new LatchkeyClientError("INVALID_CODE", "Enter the six digits from the email.");
  const linkVerifier = latestLinkVerifier();
  return stepUpWithAnswer({
    signInMethod: "EMAIL_CODE",
    action: input.action,
    answer: async () => code,
    ...(linkVerifier && { clientMetadata: { linkVerifier } }),
  });
}

async function stepUpWithTextedCode(code: string, action: string | undefined): Promise<Tokens> {
  if (!/^\d{6}$/.test(code)) throw new LatchkeyClientError("INVALID_CODE", "Enter the six digits from the text.");
  const phoneNumber = getUser()?.phoneNumber ?? "";
  const smsVerifier = smsVerifierFor(phoneNumber);
  if (!smsVerifier) {
    throw new LatchkeyClientError("INVALID_CODE", "This browser asked for no code by text: ask for a new one.");
  }
  const tokens = await stepUpWithAnswer({
    signInMethod: "SMS_CODE",
    action,
    answer: async () => code,
    clientMetadata: { smsVerifier },
  });
  forgetSmsVerifier(phoneNumber);
  return tokens;
}
