/**
 * The kit's custom elements on a plain page (test/e2e/fixtures/elements), in Chromium: elements that
 * are in the markup before anyone signs in follow the sign-in without a reload, and nothing of the
 * kit is wider than a phone's screen.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addVirtualAuthenticator, launchBrowser } from "./support/browser.ts";
import { nowSeconds, waitForSignInMail } from "./support/sign-in-by-email.ts";

const PAGE_DIR = fileURLToPath(new URL("./fixtures/elements", import.meta.url));

let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startLocalStack({ demo: PAGE_DIR }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("the kit's elements on a plain page", () => {
  it("offer a passkey after an email sign-in, though the offer was on the page before it", async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    page.setDefaultTimeout(15_000);
    await addVirtualAuthenticator(page);
    await page.goto(stack.urls.app);
    const email = "plain-page@example.com";
    const since = nowSeconds();
    await page.getByLabel("Email").fill(email);
    await page.keyboard.press("Enter");
    const { code } = await waitForSignInMail(stack, email, since);
    await page.getByLabel("6-digit code").focus();
    await page.keyboard.type(code);

    const offer = page.getByRole("region", { name: "Sign in faster next time" });
    await offer.waitFor();
    await page.getByRole("region", { name: "Passkeys" }).getByText("No passkeys yet").waitFor();
    // Nothing of the kit reaches past the screen's edges.
    const overflow = await page.evaluate(
      () =>
        [...document.querySelectorAll(".lk")]
          .map((element) => element.getBoundingClientRect())
          .filter((box) => box.width > 0 && (box.left < 0 || box.right > innerWidth)).length,
    );
    expect(overflow).toBe(0);
    await offer.getByRole("button", { name: "Add a passkey now" }).click();
    await page.getByRole("region", { name: "Passkeys" }).getByRole("listitem").first().waitFor();
    expect(await offer.isVisible()).toBe(false);
  });
});

describe("passkey autofill on the sign-in element", () => {
  it("waits longer after each passkey the server refuses, instead of asking again at once", async () => {
    const page = await (await browser.newContext()).newPage();
    const authenticator = await addVirtualAuthenticator(page);
    // A passkey for this RP ID that the server has never heard of: every sign-in with it is refused.
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    await authenticator.cdp.send("WebAuthn.addCredential", {
      authenticatorId: authenticator.authenticatorId,
      credential: {
        credentialId: randomBytes(16).toString("base64"),
        isResidentCredential: true,
        rpId: "localhost",
        privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
        userHandle: Buffer.from("00000000-0000-4000-8000-000000000000").toString("base64"),
        signCount: 0,
      },
    });
    let attempts = 0;
    page.on("request", (request) => {
      if (request.url().endsWith("/passkeys/authentication/options")) attempts += 1;
    });
    await page.goto(stack.urls.app);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    // 1 + 2 + 4 seconds of waiting: at most four attempts in six seconds (without the wait, dozens).
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(4);
    expect(await page.getByRole("alert").textContent()).toMatch(/passkey/i);
  });
});
