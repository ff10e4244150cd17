import type { Page } from "playwright-core";

/** Autofill offers passkeys in a sign-in field: the blank page needs one. */
export function addSignInField(page: Page) {
  return page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", '<input name="username" autocomplete="username webauthn">');
  });
}

/** From the next load on, the page's browser offers no passkey autofill (as many still don't). */
export function withoutAutofill(page: Page) {
  return page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
}
