import { getSignInMethod, getUser, isPasskeySupported, listPasskeys } from "@latchkey/client";
import { addPasskey } from "../add-passkey.ts";
import { alertBox, whileBusy } from "../dom/field.ts";
import { h } from "../dom/h.ts";
import { KitElement } from "../dom/kit-element.ts";
import { errorMessage, isDismissal } from "../error-message.ts";

/** Sign-ins whose offer was turned down in this tab ("Not now" holds until the next sign-in). */
const DECLINED = "latchkey.ui.offerDeclined";
const signInId = () => {
  const claims = getUser()?.claims;
  return `${claims?.sub}:${claims?.origin_jti ?? claims?.auth_time}`;
};

/**
 * `<latchkey-passkey-offer>`: after a sign-in by email link or code, on a browser that can make
 * passkeys, for a user who has none, an invitation to add one; nothing otherwise. Events:
 * `latchkey-passkey-added` (detail: the Passkey), `latchkey-dismissed`.
 */
export class PasskeyOfferElement extends KitElement {
  protected start(signal: AbortSignal): void {
    this.hidden = true;
    const method = getSignInMethod();
    if (!isPasskeySupported() || (method !== "MAGIC_LINK" && method !== "EMAIL_CODE")) return;
    if (globalThis.sessionStorage?.getItem(DECLINED) === signInId()) return;
    void listPasskeys().then(
      (passkeys) => {
        if (!signal.aborted && passkeys.length === 0) this.#offer();
      },
      () => {
        // No list, no offer: the passkey manager, if shown, reports the failure.
      },
    );
  }

  #offer(): void {
    const { t } = this;
    const alert = alertBox();
    const title = this.heading(t.offerTitle, 2);
    const add = h("button", { type: "button", class: "lk-button lk-primary" }, t.offerAdd);
    const later = h("button", { type: "button", class: "lk-button" }, t.offerLater);
    add.addEventListener("click", () =>
      whileBusy(add, t.adding, async () => {
        alert.set(undefined);
        try {
          const passkey = await addPasskey(t);
          this.hidden = true;
          this.emit("latchkey-passkey-added", passkey);
        } catch (failure) {
          if (isDismissal(failure)) this.announce(t.errors.CANCELLED);
          else alert.set(errorMessage(failure, t), undefined);
        }
      }),
    );
    later.addEventListener("click", () => {
      globalThis.sessionStorage?.setItem(DECLINED, signInId());
      this.hidden = true;
      this.emit("latchkey-dismissed");
    });
    this.hidden = false;
    this.show(
      h(
        "section",
        { class: "lk-card lk-offer", "aria-labelledby": title.id },
        title,
        h("p", {}, t.offerBody),
        h("div", { class: "lk-actions" }, add, later),
        alert.element,
      ),
      { focus: false },
    );
  }
}
