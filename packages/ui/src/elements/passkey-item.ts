import { deletePasskey, type Passkey, renamePasskey, toClientError } from "@latchkey/client";
import { passkeyChanges } from "../add-passkey.ts";
import { alertBox, field, whileBusy } from "../dom/field.ts";
import { h } from "../dom/h.ts";
import { errorMessage, isDismissal } from "../error-message.ts";
import type { Strings } from "../i18n/strings.ts";
import { reverify } from "../reverify.ts";
import { isThisDevice } from "../this-device.ts";

/** For authenticators the AAGUID list does not know. */
function keyIcon(): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "lk-icon");
  svg.innerHTML =
    '<circle cx="8" cy="12" r="4" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 12h9m-3 0v3m-3-3v2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>';
  return svg;
}

function icon(passkey: Passkey): Node {
  if (!passkey.iconLight && !passkey.iconDark) return keyIcon();
  const light = passkey.iconLight ?? passkey.iconDark ?? "";
  const dark = passkey.iconDark ?? light;
  return h(
    "span",
    { class: "lk-icon" },
    h("img", { class: "lk-icon-light", src: light, alt: "" }),
    h("img", { class: "lk-icon-dark", src: dark, alt: "" }),
  );
}

const when = (iso: string, lang: string) =>
  new Date(iso).toLocaleDateString(lang, { year: "numeric", month: "short", day: "numeric" });

export interface ItemContext {
  t: Strings;
  announce(text: string): void;
  /** The list changed under us (a passkey gone elsewhere): load it again. */
  reload(): void;
}

/**
 * One passkey: its name, where it lives ("This device", "Synced", the authenticator's model when
 * that says more than the name), when it was added and last used; rename in place (Escape cancels)
 * and delete after a confirmation, each handing focus back where the person was.
 */
export function passkeyItem(passkey: Passkey, context: ItemContext): HTMLLIElement {
  const { t } = context;
  const item = h("li", { class: "lk-passkey", "data-passkey-id": passkey.id });
  const name = passkey.friendlyName;
  const model = passkey.authenticatorName && passkey.authenticatorName !== name ? passkey.authenticatorName : undefined;
  const details = [
    model,
    t.created(when(passkey.createdAt, t.lang)),
    passkey.lastUsedAt ? t.lastUsed(when(passkey.lastUsedAt, t.lang)) : t.neverUsed,
  ].filter(Boolean);
  const alert = alertBox();

  const rename = h("button", { type: "button", class: "lk-button", "aria-label": t.renameNamed(name) }, t.rename);
  const remove = h(
    "button",
    { type: "button", class: "lk-button lk-danger", "aria-label": t.removeNamed(name) },
    t.remove,
  );
  const summary = h(
    "div",
    { class: "lk-passkey-body" },
    h(
      "p",
      { class: "lk-passkey-name" },
      name,
      isThisDevice(passkey.id) && h("span", { class: "lk-badge" }, t.thisDevice),
      passkey.backedUp && h("span", { class: "lk-badge lk-badge-ok" }, t.synced),
    ),
    h("p", { class: "lk-muted" }, details.join(" · ")),
  );
  const actions = h("div", { class: "lk-actions" }, rename, remove);
  const view = () => {
    item.replaceChildren(icon(passkey), summary, actions, alert.element);
  };

  rename.addEventListener("click", () => {
    alert.set(undefined);
    const input = field({
      label: t.nameLabel,
      attributes: { name: "friendlyName", value: name, maxlength: 64, autocomplete: "off" },
    });
    const save = h("button", { type: "submit", class: "lk-button lk-primary" }, t.save);
    const cancel = h("button", { type: "button", class: "lk-button" }, t.cancel);
    const form = h(
      "form",
      { class: "lk-form lk-rename", novalidate: true },
      input.element,
      h("div", { class: "lk-actions" }, save, cancel),
    );
    const back = () => {
      view();
      rename.focus();
    };
    cancel.addEventListener("click", back);
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") back();
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const wanted = input.input.value.trim();
      if (!wanted) return input.setError(t.nameMissing);
      await whileBusy(save, t.saving, async () => {
        try {
          const renamed = await renamePasskey(passkey.id, wanted);
          context.announce(t.renamed(renamed.friendlyName));
          passkeyChanges.dispatchEvent(new Event("change"));
        } catch (failure) {
          input.setError(errorMessage(failure, t));
          if (toClientError(failure).code === "NOT_FOUND") context.reload();
        }
      });
    });
    item.replaceChildren(icon(passkey), form);
    input.input.select();
  });

  remove.addEventListener("click", () => {
    alert.set(undefined);
    const confirm = h("button", { type: "button", class: "lk-button lk-danger-strong" }, t.removeConfirm);
    const keep = h("button", { type: "button", class: "lk-button" }, t.keep);
    const question = h("p", { class: "lk-passkey-name" }, t.removeQuestion(name));
    const box = h(
      "div",
      { class: "lk-confirm", role: "group", "aria-label": t.removeNamed(name) },
      question,
      h("div", { class: "lk-actions" }, confirm, keep),
      alert.element,
    );
    const back = () => {
      view();
      remove.focus();
    };
    keep.addEventListener("click", back);
    box.addEventListener("keydown", (event) => {
      if (event.key === "Escape") back();
    });
    confirm.addEventListener("click", () =>
      whileBusy(confirm, t.removing, async () => {
        try {
          await reverify(() => deletePasskey(passkey.id), { strings: t, action: "delete-passkey" });
          context.announce(t.removed(name));
          passkeyChanges.dispatchEvent(new Event("change"));
        } catch (failure) {
          if (toClientError(failure).code === "NOT_FOUND") return context.reload();
          if (!isDismissal(failure)) alert.set(errorMessage(failure, t), toClientError(failure).code);
        }
      }),
    );
    item.replaceChildren(icon(passkey), box);
    keep.focus();
  });

  view();
  return item;
}
