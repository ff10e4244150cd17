import type { StepUpCodeMethod } from "@latchkey/protocol";
import { LatchkeyClientError } from "../errors.ts";
import { latestLinkVerifier } from "../magic-links/link-verifier.ts";
import type { Tokens } from "../session/tokens.ts";
import { stepUpWithAnswer } from "./step-up-with-answer.ts";

/**
 * Proves the signed-in user again with the code requestStepUpCode() emailed (in this browser it has
 * three tries of its own) and keeps the fresh tokens, as stepUpWithPasskey() does; `action` binds them.
 */
export async function stepUpWithCode(input: {
  code: string;
  action?: string;
  method?: StepUpCodeMethod;
}): Promise<Tokens> {
  const code = input.code.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(code)) throw new LatchkeyClientError("INVALID_CODE", "Enter the six digits from the email.");
  const linkVerifier = latestLinkVerifier();
  return stepUpWithAnswer({
    signInMethod: input.method ?? "EMAIL_CODE",
    action: input.action,
    answer: async () => code,
    ...(linkVerifier && { clientMetadata: { linkVerifier } }),
  });
}
