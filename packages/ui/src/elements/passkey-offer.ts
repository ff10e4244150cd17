import {
  getSignInMethod,
  getUser,
  isPasskeySupported,
  listPasskeys,
  type Passkey,
  subscribe,
  upgradeToPasskey,
} from "@latchkey/client";
import { addPasskey, passkeyChanges } from "../add-passkey.ts";
import { alertBox, whileBusy } from "../dom/field.ts";
import { h } from "../dom/h.ts";
import { KitElement } from "../dom/kit-element.ts";
import { errorMessage, isDismissal } from "../error-message.ts";
import { rememberThisDevice } from "../this-device.ts";

/** Sign-ins whose offer was turned down in this tab ("Not now" holds until the next sign-in). */
const DECLINED = "latchkey.ui.offerDeclined";
/**
 * How long an upgrade may keep the invitation back: a password manager makes the passkey or declines at
 * once, but some browsers leave a declined conditional create pending until its options time out.
 */
const UPGRADE_WAIT_MS = 3000;
const signInId = () => {
  const claims = getUser()?.claims;
  return `${claims?.sub}:${claims?.origin_jti ?? claims?.auth_time}`;
};

/**
 * `<latchkey-passkey-offer>`: after a sign-in by email link or code, on a browser that can make
 * passkeys, for a user who has none, an invitation to add one; nothing otherwise. With the `upgrade`
 * attribute it first asks the browser to make the passkey unprompted (upgradeToPasskey: conditional
 * create, where the password manager agrees), and invites only if none came. Events:
 * `latchkey-passkey-added` (detail: the Passkey), `latchkey-dismissed`.
 */
export class PasskeyOfferElement extends KitElement {
  protected start(signal: AbortSignal): void {
    // Placed on the page before the sign-in, or kept through a sign-out: each new sign-in is considered.
    let considered = "";
    const consider = () => {
      const id = getUser() ? signInId() : "";
      if (id === considered) return;
      considered = id;
      this.hidden = true;
      if (id) this.#consider(signal, id);
    };
    const follow = subscribe((auth) => {
      if (auth.status !== "signing-in") consider();
    });
    signal.addEventListener("abort", follow);
    consider();
  }

  #consider(signal: AbortSignal, id: string): void {
    const method = getSignInMethod();
    if (!isPasskeySupported() || (method !== "MAGIC_LINK" && method !== "EMAIL_CODE")) return;
    if (globalThis.sessionStorage?.getItem(DECLINED) === id) return;
    const current = () => !signal.aborted && getUser() !== undefined && signInId() === id;
    const upgraded = this.hasAttribute("upgrade") ? upgradeToPasskey() : Promise.resolve(undefined);
    void upgraded.then((passkey) => {
      if (passkey && current()) this.#added(passkey);
    });
    const waited = new Promise<Passkey | undefined>((resolve) => {
      setTimeout(resolve, UPGRADE_WAIT_MS, undefined);
      void upgraded.then(resolve);
    });
    void waited.then((passkey) => {
      // A passkey made unprompted needs no invitation; one made later takes the invitation away.
      if (passkey || !current()) return;
      this.#invite(signal, id);
    });
  }

  /** A passkey the browser made unprompted: no invitation, and the lists on the page show it. */
  #added(passkey: Passkey): void {
    rememberThisDevice(passkey.id);
    this.hidden = true;
    passkeyChanges.dispatchEvent(new Event("change"));
    this.emit("latchkey-passkey-added", passkey);
  }

  #invite(signal: AbortSignal, id: string): void {
    void listPasskeys().then(
      (passkeys) => {
        // Still the same sign-in: an answer for an earlier one offers nothing.
        if (!signal.aborted && passkeys.length === 0 && getUser() && signInId() === id) this.#offer();
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
