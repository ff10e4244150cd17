import type { LocalStack } from "@latchkey/local";
import { cognitoClient, customAuthSignIn } from "./cognito.ts";
import { requestSignInMail } from "./sign-in-by-email.ts";

export interface CodeSignIn {
  username: string;
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

/**
 * Signs `email` in from Node, as a browser would with an email code: POST /magic-links, the code from
 * the email, then Cognito CUSTOM_AUTH with signInMethod EMAIL_CODE. For suites that need a signed-in
 * user (a real access token) without a browser.
 */
export async function signInByEmailCode(
  stack: Pick<LocalStack, "urls" | "clientId" | "region">,
  email: string,
): Promise<CodeSignIn> {
  const { code } = await requestSignInMail(stack, email);
  const cognito = cognitoClient(stack);
  try {
    const outcome = await customAuthSignIn(cognito, stack.clientId, {
      login: email,
      signInMethod: "EMAIL_CODE",
      answer: code,
    });
    if ("error" in outcome) throw new Error(`email-code sign-in failed: ${outcome.error}`);
    const { AccessToken, IdToken, RefreshToken } = outcome.tokens;
    if (!AccessToken || !IdToken || !RefreshToken) throw new Error("email-code sign-in issued no tokens");
    return { username: outcome.username, accessToken: AccessToken, idToken: IdToken, refreshToken: RefreshToken };
  } finally {
    cognito.destroy();
  }
}
