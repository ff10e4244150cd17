import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FAILING_ANSWER, startTestPool, TEST_ANSWER } from "@latchkey/testkit/cognito-pool";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cognitoCall } from "./cognito.ts";
import { configure } from "./session/default-session.ts";
import { memoryStorage } from "./session/memory-storage.ts";
import { signInWithAnswer } from "./sign-in-with-answer.ts";

let pool: Awaited<ReturnType<typeof startTestPool>>;
let outage: Server;
let outageUrl: string;
let users = 0;

beforeAll(async () => {
  pool = await startTestPool();
  // What a load balancer in front of a failing service answers: a 502 with an HTML page.
  outage = createServer((_, res) => res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>"));
  await new Promise<void>((resolve) => outage.listen(0, "127.0.0.1", resolve));
  outageUrl = `http://127.0.0.1:${(outage.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => outage?.close(resolve));
  await pool?.close();
});

const useEndpoint = (endpoint: string) =>
  configure({
    cognito: { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint },
    apiUrl: "http://127.0.0.1:9",
    storage: memoryStorage(),
  });
beforeEach(() => useEndpoint(pool.endpoint));

async function newUser(): Promise<string> {
  const email = `cognito-${++users}@example.com`;
  await pool.createUser(email);
  return email;
}

const signIn = (username: string, answer: string) => signInWithAnswer({ username, signInMethod: "EMAIL_CODE", answer });

describe("Cognito's answers as client errors", () => {
  it("a wrong answer: SIGN_IN_FAILED", async () => {
    await expect(signIn(await newUser(), "wrong")).rejects.toMatchObject({ code: "SIGN_IN_FAILED" });
  });

  it("a trigger that failed (the service's fault, not the user's): SERVICE_UNAVAILABLE", async () => {
    await expect(signIn(await newUser(), FAILING_ANSWER)).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  });

  it("a disabled user: USER_DISABLED", async () => {
    const email = await newUser();
    const { ChallengeParameters } = await cognitoCall<{ ChallengeParameters: { USERNAME: string } }>(
      pool.endpoint,
      "InitiateAuth",
      {
        AuthFlow: "CUSTOM_AUTH",
        ClientId: pool.clientId,
        AuthParameters: { USERNAME: email },
      },
    );
    await pool.disableUser(ChallengeParameters.USERNAME);
    await expect(signIn(email, TEST_ANSWER)).rejects.toMatchObject({ code: "USER_DISABLED" });
  });

  it("a session used twice: SESSION_EXPIRED", async () => {
    const email = await newUser();
    const started = await cognitoCall<{ Session: string; ChallengeParameters: { USERNAME: string } }>(
      pool.endpoint,
      "InitiateAuth",
      {
        AuthFlow: "CUSTOM_AUTH",
        ClientId: pool.clientId,
        AuthParameters: { USERNAME: email },
      },
    );
    const respond = () =>
      cognitoCall(pool.endpoint, "RespondToAuthChallenge", {
        ChallengeName: "CUSTOM_CHALLENGE",
        ClientId: pool.clientId,
        Session: started.Session,
        ChallengeResponses: { USERNAME: started.ChallengeParameters.USERNAME, ANSWER: TEST_ANSWER },
      });
    await respond();
    await expect(respond()).rejects.toMatchObject({ code: "SESSION_EXPIRED" });
  });

  it("an outage answering 5xx and no JSON: SERVICE_UNAVAILABLE, with the status", async () => {
    useEndpoint(outageUrl);
    await expect(signIn("anyone@example.com", TEST_ANSWER)).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      status: 502,
    });
  });

  it("no answer at all: NETWORK_ERROR", async () => {
    useEndpoint("http://127.0.0.1:9/");
    await expect(signIn("anyone@example.com", TEST_ANSWER)).rejects.toMatchObject({ code: "NETWORK_ERROR" });
  });
});
