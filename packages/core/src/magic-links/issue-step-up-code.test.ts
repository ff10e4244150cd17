import { randomUUID } from "node:crypto";
import { SESv2ServiceException } from "@aws-sdk/client-sesv2";
import { TEST_CLIENT } from "@latchkey/testkit/config";
import { testLinkContext } from "@latchkey/testkit/magic-links";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmailMessage } from "../ports.ts";
import { sha256 } from "./hashes.ts";
import { type IssueStepUpCodeContext, issueStepUpCode, type StepUpCodeRequest } from "./issue-step-up-code.ts";
import { redeemEmailCode } from "./redeem-email-code.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

/** A mailer that keeps what it sends (or fails as told), and a signed-in user of its own. */
function setup() {
  const sent: EmailMessage[] = [];
  const mail = { fail: undefined as Error | undefined };
  const context: IssueStepUpCodeContext & { clock: { ms: number; now: () => number } } = {
    ...testLinkContext(table),
    mailer: {
      send: async (message) => {
        if (mail.fail) throw mail.fail;
        sent.push(message);
      },
    },
  };
  const user = { username: randomUUID(), email: `${randomUUID()}@example.com` };
  const request = (change: Partial<StepUpCodeRequest> = {}): StepUpCodeRequest => ({
    user,
    clientId: TEST_CLIENT,
    bindingHash: undefined,
    locale: undefined,
    ip: "198.51.100.7",
    ...change,
  });
  const codeOf = (message: EmailMessage | undefined) => /^(\d{6})$/m.exec(message?.text ?? "")?.[1] ?? "";
  const redeem = (code: string, change: { clientId?: string; linkVerifier?: string } = {}) =>
    redeemEmailCode(context, {
      username: user.username,
      userNotFound: false,
      verifiedEmail: user.email,
      clientId: change.clientId ?? TEST_CLIENT,
      code,
      linkVerifier: change.linkVerifier,
    });
  return { context, sent, mail, user, request, codeOf, redeem };
}

describe("issueStepUpCode", () => {
  it("mails the user a code and no link, with 3 DynamoDB writes; the code redeems once, as an email code", async () => {
    const { context, sent, user, request, codeOf, redeem } = setup();
    table.calls.reset();
    expect(await issueStepUpCode(context, request())).toEqual({ ok: true });
    // The count, where the user's links are kept (for revoking them by username), the code.
    expect(table.calls.byCommand).toEqual({ UpdateItemCommand: 2, PutItemCommand: 1 });
    const [message] = sent;
    expect(message).toMatchObject({ to: user.email, subject: "Confirm it's you on Latchkey" });
    expect(message?.text).not.toMatch(/https?:/);
    expect(message?.html).not.toMatch(/href=/);
    const code = codeOf(message);
    expect(code).toMatch(/^\d{6}$/);
    expect(await redeem(code)).toEqual({ ok: true });
    expect(await redeem(code)).toMatchObject({ ok: false });
  });

  it("speaks the requested language", async () => {
    const { context, sent, request } = setup();
    await issueStepUpCode(context, request({ locale: "de-AT" }));
    expect(sent[0]?.subject).toBe("Bestätigen Sie bei Latchkey, dass Sie es sind");
  });

  it("makes a code that redeems only through the token's app client, and not once expired", async () => {
    const { context, sent, request, codeOf, redeem } = setup();
    await issueStepUpCode(context, request());
    const code = codeOf(sent[0]);
    expect(await redeem(code, { clientId: "someotherclient000000001" })).toMatchObject({ ok: false });
    context.clock.ms += (context.config.magicLinks.expirySeconds + 1) * 1000;
    expect(await redeem(code)).toMatchObject({ ok: false });
  });

  it("gives the asking browser's code tries of its own", async () => {
    const { context, sent, request, codeOf, redeem } = setup();
    const verifier = "v".repeat(43);
    await issueStepUpCode(context, request({ bindingHash: sha256(verifier) }));
    const code = codeOf(sent[0]);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 2; i++) expect(await redeem(wrong, { linkVerifier: verifier })).toMatchObject({ ok: false });
    expect(await redeem(code, { linkVerifier: verifier })).toEqual({ ok: true });
  });

  it("keeps the sign-in emails' limits: one email a minute per user, whatever asked for the one before", async () => {
    const { context, sent, request } = setup();
    expect(await issueStepUpCode(context, request())).toEqual({ ok: true });
    const again = await issueStepUpCode(context, request());
    expect(again).toMatchObject({ ok: false, reason: "address rate limited" });
    expect(again.ok === false && again.retryAfter).toBeGreaterThan(0);
    expect(sent).toHaveLength(1);
    context.clock.ms += 61_000;
    expect(await issueStepUpCode(context, request())).toEqual({ ok: true });
  });

  it("keeps a network's hourly cap", async () => {
    const { context, request } = setup();
    context.config.magicLinks.maxRequestsPerIpPerHour = 1;
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    expect(await issueStepUpCode(context, request({ ip }))).toEqual({ ok: true });
    context.clock.ms += 61_000;
    expect(await issueStepUpCode(context, request({ ip }))).toMatchObject({ ok: false, reason: "IP rate limited" });
  });

  it("revokes a code whose mail failed, and fails as SERVICE_UNAVAILABLE for an outage", async () => {
    const { context, mail, request, redeem } = setup();
    const outage = new SESv2ServiceException({ name: "ThrottlingException", $fault: "client", $metadata: {} });
    const sent: string[] = [];
    mail.fail = outage;
    const render = context.stepUpEmail;
    context.stepUpEmail = (input) => {
      sent.push(input.code);
      return { subject: "", text: "", html: "" };
    };
    await expect(issueStepUpCode(context, request())).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    context.stepUpEmail = render;
    expect(await redeem(sent[0] ?? "")).toMatchObject({ ok: false });
  });
});
