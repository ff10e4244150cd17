import { getUser, isPasskeySupported, listPasskeys, subscribe, toClientError } from "@latchkey/client";
import { addPasskey, passkeyChanges } from "../add-passkey.ts";
import { alertBox, whileBusy } from "../dom/field.ts";
import { h } from "../dom/h.ts";
import { KitElement } from "../dom/kit-element.ts";
import { errorMessage, isDismissal } from "../error-message.ts";
import { passkeyItem } from "./passkey-item.ts";

/**
 * `<latchkey-passkeys>`: the signed-in user's passkeys, with add (only where the browser can make
 * one), rename and delete; adding and deleting prove the user again when the api asks for a recent
 * sign-in. Follows sign-in changes and changes made by other kit elements. Attribute: `level` (of its
 * heading, default 2).
 */
export class PasskeyManagerElement extends KitElement {
  protected start(signal: AbortSignal): void {
    const { t } = this;
    const alert = alertBox();
    const list = h("ul", { class: "lk-passkeys" });
    const state = h("p", { class: "lk-muted" }, t.passkeysLoading);
    const add = h("button", { type: "button", class: "lk-button lk-primary" }, t.addPasskey);
    const context = { t, announce: (text: string) => this.announce(text), reload: () => void load() };

    let loads = 0;
    const load = async () => {
      const mine = ++loads;
      try {
        const passkeys = await listPasskeys();
        // Only the newest answer shows: an older one would undo a change made since.
        if (mine !== loads || signal.aborted) return;
        const focused = list.contains(document.activeElement) ? document.activeElement : undefined;
        list.replaceChildren(...passkeys.map((passkey) => passkeyItem(passkey, context)));
        state.textContent = passkeys.length === 0 ? t.passkeysEmpty : "";
        state.hidden = passkeys.length > 0;
        // A row that changed under the focus takes it away: the heading keeps the person's place.
        if (focused && !list.contains(focused)) title.focus();
      } catch (failure) {
        if (mine === loads && toClientError(failure).code !== "NOT_SIGNED_IN") {
          alert.set(errorMessage(failure, t), toClientError(failure).code);
        }
      }
    };

    add.addEventListener("click", () =>
      whileBusy(add, t.adding, async () => {
        alert.set(undefined);
        try {
          const added = await addPasskey(t);
          this.announce(t.added(added.friendlyName));
        } catch (failure) {
          if (isDismissal(failure)) this.announce(t.errors.CANCELLED);
          else alert.set(errorMessage(failure, t), toClientError(failure).code);
        }
      }),
    );

    const title = this.heading(t.passkeysTitle, 2);
    const supported = isPasskeySupported();
    this.show(
      h(
        "section",
        { class: "lk-card", "aria-labelledby": title.id },
        h("div", { class: "lk-header" }, title, supported && add),
        !supported && h("p", { class: "lk-muted" }, t.unsupported),
        alert.element,
        state,
        list,
      ),
      { focus: false },
    );

    let user = getUser()?.username ?? "";
    const follow = subscribe((auth) => {
      if ((auth.user?.username ?? "") !== user && auth.status !== "signing-in") {
        user = auth.user?.username ?? "";
        if (user) void load();
      }
    });
    const changed = () => void load();
    passkeyChanges.addEventListener("change", changed);
    signal.addEventListener("abort", () => {
      follow();
      passkeyChanges.removeEventListener("change", changed);
    });
    void load();
  }
}
