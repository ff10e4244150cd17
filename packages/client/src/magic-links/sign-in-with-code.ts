import { LatchkeyClientError } from "../errors.ts";
import { trackBusy } from "../session/default-session.ts";
import type { Tokens } from "../session/tokens.ts";
import { signInWithAnswer } from "../sign-in-with-answer.ts";
import { latestLinkVerifier } from "./link-verifier.ts";

/**
 * Signs in with the six-digit code from the email, on any device. Cognito resolves the email to the
 * account's username. In the browser that asked for the email, the code has three tries of its own
 * (this browser's verifier goes along); elsewhere, tries draw on the account's daily budget.
 */
export async function signInWithCode(input: { email: string; code: string }): Promise<Tokens> {
  const code = input.code.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(code)) throw new LatchkeyClientError("INVALID_CODE", "Enter the six digits from the email.");
  const linkVerifier = latestLinkVerifier();
  return trackBusy("email-code-sign-in", () =>
    signInWithAnswer({
      username: input.email.trim(),
      signInMethod: "EMAIL_CODE",
      answer: code,
      ...(linkVerifier && { clientMetadata: { linkVerifier } }),
    }),
  );
}
