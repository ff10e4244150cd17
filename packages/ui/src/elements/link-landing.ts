import { getUser, type LinkOpening, openSignInLink } from "@latchkey/client";
import { whileBusy } from "../dom/field.ts";
import { h } from "../dom/h.ts";
import { KitElement } from "../dom/kit-element.ts";

/**
 * `<latchkey-link-landing>`: the page a sign-in link opens. It redeems the link once (however often
 * it is mounted), asks first when the link came from another browser or someone else is signed in
 * here (naming the account), says in words why a link was refused, and offers "Try again" when only
 * the network failed (the link is kept). Events: `latchkey-signed-in` (detail `{method: "MAGIC_LINK"}`),
 * `latchkey-done` (the person went back without signing in).
 */
export class LinkLandingElement extends KitElement {
  protected start(signal: AbortSignal): void {
    this.#showPending();
    void openSignInLink().then((opening) => {
      if (!signal.aborted) this.#showOutcome(opening, signal);
    });
  }

  #showPending(): void {
    const { t } = this;
    this.show(
      h(
        "section",
        { class: "lk-card", "aria-busy": "true" },
        this.heading(t.linkSigningIn),
        h("p", { class: "lk-muted" }, h("span", { class: "lk-spinner", "aria-hidden": "true" }), t.linkChecking),
      ),
    );
  }

  #showOutcome(opening: LinkOpening, signal: AbortSignal): void {
    const { t } = this;
    const back = () => h("button", { type: "button", class: "lk-button", onclick: () => this.emit("latchkey-done") });
    const next = (run: () => Promise<LinkOpening>) => async () => {
      this.#showPending();
      const outcome = await run();
      if (!signal.aborted) this.#showOutcome(outcome, signal);
    };
    if (opening.status === "signed-in") {
      this.emit("latchkey-signed-in", { method: "MAGIC_LINK" });
      return;
    }
    if (opening.status === "needs-confirmation") {
      const signedInAs = getUser()?.email ?? "";
      const proceed = h(
        "button",
        { type: "button", class: "lk-button lk-primary" },
        t.confirmContinue(opening.account),
      );
      proceed.addEventListener("click", () => whileBusy(proceed, t.linkSigningIn, next(opening.confirm)));
      const cancel = back();
      cancel.textContent = t.cancel;
      const title = this.heading(t.confirmTitle(opening.account));
      this.show(
        h(
          "section",
          { class: "lk-card", "data-state": "confirm", "aria-labelledby": title.id },
          title,
          h("p", {}, opening.reason === "other-user" ? t.confirmOtherUser(signedInAs) : t.confirmOtherBrowser),
          h("div", { class: "lk-stack" }, proceed, cancel),
        ),
      );
      return;
    }
    const unreachable = opening.reason === "unreachable";
    const home = back();
    home.textContent = t.linkBack;
    if (!opening.retry) home.classList.add("lk-primary");
    const retry =
      opening.retry && h("button", { type: "button", class: "lk-button lk-primary", onclick: next(opening.retry) });
    if (retry) retry.textContent = t.tryAgain;
    const title = this.heading(unreachable ? t.linkUnreachableTitle : t.linkRefusedTitle);
    this.show(
      h(
        "section",
        { class: "lk-card", "data-state": "refused", "data-reason": opening.reason, "aria-labelledby": title.id },
        title,
        h("p", { class: "lk-alert", "data-code": opening.error.code }, t.linkRefused[opening.reason]),
        h("div", { class: "lk-stack" }, retry, home),
      ),
    );
  }
}
