/**
 * LATCHKEY_SES_CONFIGURATION_SET, as the CDK construct sets it: every email the api sends names that
 * configuration set, whose CloudWatch event destination counts the sends, bounces and complaints the
 * construct's alarms watch. The local stack's SES calls go through a proxy that records them.
 */
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { type FaultProxy, startFaultProxy } from "@latchkey/testkit/faults";
import { afterAll, beforeAll, expect, it } from "vitest";
import { nowSeconds, waitForSignInMail } from "./support/sign-in-by-email.ts";

let proxy: FaultProxy;
let stack: LocalStack;
beforeAll(async () => {
  proxy = await startFaultProxy("ses");
  stack = await startLocalStack({
    env: { LATCHKEY_SES_ENDPOINT: proxy.url, LATCHKEY_SES_CONFIGURATION_SET: "latchkey-mail" },
  });
  proxy.forwardTo(stack.urls.ses);
});
afterAll(async () => {
  await stack?.close();
  await proxy?.close();
});

it("sends the sign-in email with the configuration set", async () => {
  const email = `configuration-set-${Date.now()}@example.com`;
  await stack.createUser(email);
  const since = nowSeconds();
  const response = await fetch(`${stack.urls.api}/magic-links`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: stack.urls.app },
    body: JSON.stringify({ email, redirectUri: `${stack.urls.app}/blank.html` }),
  });
  expect(response.status).toBe(202);
  await waitForSignInMail(stack, email, since);
  const sent = proxy.calls.filter((call) => call.operation === "SendEmail" && call.body.includes(email));
  expect(sent.map((call) => JSON.parse(call.body).ConfigurationSetName)).toEqual(["latchkey-mail"]);
});
