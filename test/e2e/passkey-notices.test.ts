/**
 * Security notices, against the local stack and its SES inbox: adding a passkey and removing one each
 * email the account's verified address, naming the passkey, in the browser's language; no notice goes
 * out when the deployment turns them off. The api answers the same either way.
 */
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerSoftPasskey } from "./support/passkey-api.ts";
import { nowSeconds, readMail } from "./support/sign-in-by-email.ts";
import { signInByEmailCode } from "./support/sign-in-by-email-code.ts";

let stack: LocalStack;
let quiet: LocalStack;
beforeAll(async () => {
  [stack, quiet] = await Promise.all([
    startLocalStack(),
    startLocalStack({ env: { LATCHKEY_PASSKEY_NOTICES: "false" } }),
  ]);
});
afterAll(async () => {
  await Promise.all([stack?.close(), quiet?.close()]);
});

let count = 0;
const newEmail = () => `notice-${++count}-${Date.now()}@example.com`;

/** The mails to `email` since `since`, without the sign-in email itself. */
async function noticesTo(on: LocalStack, email: string, since: number) {
  const mail = await readMail(on, since);
  return mail.filter((m) => m.destination.to.includes(email) && !m.subject.startsWith("Sign in"));
}

async function deletePasskey(on: LocalStack, accessToken: string, id: string, language = "en") {
  const response = await fetch(`${on.urls.api}/passkeys/${id}`, {
    method: "DELETE",
    headers: { origin: on.urls.app, authorization: `Bearer ${accessToken}`, "accept-language": language },
  });
  return response.status;
}

describe("passkey notices", () => {
  it("tell the account's address when a passkey is added and when it is removed, naming it", async () => {
    const email = newEmail();
    const user = await signInByEmailCode(stack, email);
    const since = nowSeconds();
    const softKey = softAuthenticator();
    await registerSoftPasskey(stack, user.accessToken, softKey);
    await expect.poll(() => noticesTo(stack, email, since).then((mail) => mail.length)).toBe(1);
    const [added] = await noticesTo(stack, email, since);
    expect(added?.subject).toMatch(/^A passkey was added to your .+ account$/);
    expect(added?.body.text).toContain("It can sign you in from now on.");

    expect(await deletePasskey(stack, user.accessToken, softKey.id, "de-DE,de;q=0.9")).toBe(204);
    await expect.poll(() => noticesTo(stack, email, since).then((mail) => mail.length)).toBe(2);
    const removed = (await noticesTo(stack, email, since))[1];
    expect(removed?.subject).toMatch(/^Ein Passkey wurde Ihrem .+-Konto entfernt$/);
    // The same name in both, whatever the list shows for it.
    const named = (text = "") => /[„"](.+?)[“"]/.exec(text)?.[1];
    expect(named(removed?.body.text)).toBe(named(added?.body.text));
  });

  it("are not sent when the deployment turns them off", async () => {
    const email = newEmail();
    const user = await signInByEmailCode(quiet, email);
    const since = nowSeconds();
    const softKey = softAuthenticator();
    await registerSoftPasskey(quiet, user.accessToken, softKey);
    expect(await deletePasskey(quiet, user.accessToken, softKey.id)).toBe(204);
    expect(await noticesTo(quiet, email, since)).toEqual([]);
  });
});
