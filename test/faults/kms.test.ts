/**
 * Magic links while KMS fails. KMS cannot run here: the stack signs links with a KMS key through the real
 * SDK client and signer, against a fake speaking KMS's JSON protocol over HTTP (startFakeKms), behind a
 * fault proxy. The api signs every link (Sign); Verify checks signatures against the public key, fetched
 * once (GetPublicKey) and kept, so only a trigger that has not fetched it yet meets a fault there. KMS
 * calls carry nothing of the user, so these cells run one after another.
 */
import { describe, expect, it } from "vitest";
import { MAGIC_LINK_MIN_RESPONSE_MS } from "../../packages/api/src/routes/magic-links.ts";
import { nowSeconds, readMail, requestSignInMail } from "../e2e/support/sign-in-by-email.ts";
import { faultSuite } from "./support/fault-suite.ts";
import { newAccount, requestLink, signIn, signInByNewMail } from "./support/flows.ts";
import { expectApiFailure, failureCode, OUTAGES, SIGNED_IN, triggerFailed } from "./support/verdicts.ts";

const suite = faultSuite();

// The suite.stack's warm-up redeems no link: the triggers have not fetched the public key yet.
describe("the first link redeemed while KMS fails to give the public key", () => {
  const links: { email: string; token: string }[] = [];

  for (const fault of OUTAGES) {
    it(`${fault}: ${failureCode(fault)} from Verify, no tokens, and the link is not used up`, async () => {
      const { email } = await newAccount(suite.stack, "kms-verify");
      const { token } = await requestSignInMail(suite.stack, email);
      const injected = suite.faulty.faults.kms.inject({ operation: "GetPublicKey", fault });
      const during = await signIn(suite.stack, { login: email, signInMethod: "MAGIC_LINK", answer: token });
      injected.lift();
      expect(injected.hits.length).toBeGreaterThan(0);
      expect(during.outcome).toEqual(triggerFailed(failureCode(fault)));
      expect(during.ms).toBeLessThan(suite.boundMs);
      links.push({ email, token });
    });
  }

  it("once KMS answers, every one of those links signs in, once", async () => {
    for (const { email, token } of links) {
      expect(
        (await signIn(suite.stack, { login: email, signInMethod: "MAGIC_LINK", answer: token })).outcome,
      ).toMatchObject(SIGNED_IN);
    }
    expect(
      suite.faulty.faults.kms.calls.filter((call) => call.operation === "GetPublicKey" && !call.fault),
    ).toHaveLength(1);
  });
});

describe("a sign-in email asked for while KMS fails to sign the link", () => {
  for (const fault of OUTAGES) {
    it(`${fault}: ${failureCode(fault)}, nothing sent, then a normal sign-in`, async () => {
      const { email } = await newAccount(suite.stack, "kms-sign");
      const since = nowSeconds() - 1;
      const injected = suite.faulty.faults.kms.inject({ operation: "Sign", fault });
      const answer = await requestLink(suite.stack, email);
      injected.lift();
      expect(injected.hits.length).toBeGreaterThan(0);
      expectApiFailure(answer, failureCode(fault));
      expect(answer.ms).toBeLessThan(MAGIC_LINK_MIN_RESPONSE_MS + suite.boundMs);
      expect((await readMail(suite.stack, since)).filter((mail) => mail.destination.to.includes(email))).toEqual([]);
      expect(await signInByNewMail(suite.stack, email)).toMatchObject(SIGNED_IN);
    });
  }

  it("the signature's answer lost once: the retry signs again, and the email goes out", async () => {
    const { email } = await newAccount(suite.stack, "kms-sign");
    const injected = suite.faulty.faults.kms.inject({ operation: "Sign", fault: "loses-answer", times: 1 });
    const answer = await requestLink(suite.stack, email);
    injected.lift();
    expect(injected.hits).toHaveLength(1);
    expect(answer.status).toBe(202);
  });
});
