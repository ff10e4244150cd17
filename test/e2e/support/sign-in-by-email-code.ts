import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { LocalStack } from "@latchkey/local";
import { waitForSignInMail } from "./sign-in-by-email.ts";

export interface CodeSignIn {
  username: string;
  accessToken: string;
  idToken: string;
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
  const since = Math.floor(Date.now() / 1000) - 1;
  const requested = await fetch(`${stack.urls.api}/magic-links`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, redirectUri: `${stack.urls.app}/blank.html` }),
  });
  if (requested.status !== 202) throw new Error(`POST /magic-links answered ${requested.status}`);
  const { code } = await waitForSignInMail(stack, email, since);
  const cognito = new CognitoIdentityProviderClient({
    region: stack.region,
    endpoint: stack.urls.cognito,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  try {
    const started = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: "CUSTOM_AUTH",
        ClientId: stack.clientId,
        AuthParameters: { USERNAME: email },
      }),
    );
    const username = started.ChallengeParameters?.USERNAME ?? email;
    const answered = await cognito.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: "CUSTOM_CHALLENGE",
        ClientId: stack.clientId,
        Session: started.Session,
        ChallengeResponses: { USERNAME: username, ANSWER: code },
        ClientMetadata: { signInMethod: "EMAIL_CODE" },
      }),
    );
    const result = answered.AuthenticationResult;
    if (!result?.AccessToken || !result.IdToken) throw new Error("email-code sign-in issued no tokens");
    return { username, accessToken: result.AccessToken, idToken: result.IdToken };
  } finally {
    cognito.destroy();
  }
}
