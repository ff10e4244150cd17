/**
 * Whether the time a wrong answer takes tells accounts from non-accounts: RespondToAuthChallenge
 * through the local stack's Cognito, timed per Verify path for a known user and an unknown address,
 * with the wrong answers anyone can send (a wrong code, the sender's own link, a stranger's passkey).
 * Known and unknown rounds alternate, so drift hits both alike. Target: medians within 10%.
 */
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startLocalStack } from "@latchkey/local";
import { strangersPasskey } from "@latchkey/testkit/passkeys";

const ROUNDS = 200;
const WARM_UP = 20;
const stack = await startLocalStack({ env: { LATCHKEY_ALLOW_SIGN_UP: "false" } });
const cognito = new CognitoIdentityProviderClient({
  region: stack.region,
  endpoint: stack.urls.cognito,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});

async function requestLink(email: string): Promise<string> {
  const since = Math.floor(Date.now() / 1000) - 1;
  const response = await fetch(`${stack.urls.api}/magic-links`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, redirectUri: `${stack.urls.app}/blank.html` }),
  });
  if (response.status !== 202) throw new Error(`POST /magic-links: ${response.status}`);
  const store = (await (await fetch(`${stack.urls.ses}/store?since=${since}`)).json()) as {
    emails: { destination: { to: string[] }; body: { text?: string } }[];
  };
  const text = store.emails.filter((m) => m.destination.to.includes(email)).at(-1)?.body.text ?? "";
  return /#([\w.-]+)$/m.exec(text)?.[1] ?? "";
}

// The known user has a link outstanding, as a real account under attack would; the sender has their own.
await stack.createUser("known@example.com");
await requestLink("known@example.com");
await stack.createUser("sender@example.com");
const sendersLink = await requestLink("sender@example.com");
const strangersAnswer = strangersPasskey();
const wrongAnswers = {
  EMAIL_CODE: () => String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0"),
  MAGIC_LINK: () => sendersLink,
  PASSKEY: () => strangersAnswer,
};

/** Milliseconds RespondToAuthChallenge takes to refuse `answer` for `username`. */
async function timeWrongAnswer(username: string, signInMethod: string, answer: string): Promise<number> {
  const started = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: "CUSTOM_AUTH",
      ClientId: stack.clientId,
      AuthParameters: { USERNAME: username },
    }),
  );
  const at = performance.now();
  try {
    await cognito.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: "CUSTOM_CHALLENGE",
        ClientId: stack.clientId,
        Session: started.Session,
        ChallengeResponses: { USERNAME: username, ANSWER: answer },
        ClientMetadata: { signInMethod },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== "NotAuthorizedException") throw error;
    return performance.now() - at;
  }
  throw new Error(`${signInMethod}: a wrong answer was taken`);
}

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const round2 = (value: number) => Math.round(value * 100) / 100;

const figures: Record<string, { knownMedianMs: number; unknownMedianMs: number; ratio: number }> = {};
for (const [method, answer] of Object.entries(wrongAnswers)) {
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < WARM_UP + ROUNDS; i++) {
    const knownMs = await timeWrongAnswer("known@example.com", method, answer());
    const unknownMs = await timeWrongAnswer(`nobody-${i}@example.com`, method, answer());
    if (i < WARM_UP) continue;
    known.push(knownMs);
    unknown.push(unknownMs);
  }
  const [knownMedianMs, unknownMedianMs] = [median(known), median(unknown)];
  figures[method] = {
    knownMedianMs: round2(knownMedianMs),
    unknownMedianMs: round2(unknownMedianMs),
    ratio: round2(unknownMedianMs / knownMedianMs),
  };
}
cognito.destroy();
await stack.close();

const worst = Math.max(...Object.values(figures).map(({ ratio }) => Math.abs(1 - ratio)));
console.log(JSON.stringify({ rounds: ROUNDS, ...figures, worstDeviation: round2(worst), target: 0.1 }));
