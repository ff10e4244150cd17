import { stringsFor } from "../i18n/locales.ts";
import type { Strings } from "../i18n/strings.ts";
import { h, newId } from "./h.ts";

/** Server rendering has no DOM: the classes are still defined, and registered only in a browser. */
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * What every kit element shares: its language (the nearest `lang`, then the browser's), strings an
 * app may override, one polite live region that outlives the views, and the move of focus to each
 * new view's heading. Views render into the element itself (no shadow root), so the page's labels,
 * autofill and styles reach them. `start` runs on connect with a signal that aborts on disconnect.
 */
export abstract class KitElement extends Base {
  #strings: Partial<Strings> = {};
  readonly #view = h("div", { class: "lk-view" });
  readonly #status = h("p", { class: "lk-status", role: "status" });
  #life: AbortController | undefined;

  /** Single strings to use instead of the kit's, e.g. `{ signInTitle: "Welcome back" }`; a change re-renders. */
  get strings(): Partial<Strings> {
    return this.#strings;
  }

  set strings(value: Partial<Strings>) {
    this.#strings = value;
    if (this.isConnected) this.connectedCallback();
  }

  get t(): Strings {
    const lang = this.closest("[lang]")?.getAttribute("lang") ?? undefined;
    return stringsFor([lang, ...(globalThis.navigator?.languages ?? [])], this.#strings);
  }

  connectedCallback(): void {
    this.#life?.abort();
    this.classList.add("lk");
    this.replaceChildren(this.#view, this.#status);
    this.#life = new AbortController();
    this.start(this.#life.signal);
  }

  disconnectedCallback(): void {
    this.#life?.abort();
  }

  protected abstract start(signal: AbortSignal): void;

  /**
   * Shows a view. Its heading (`h1`-`h3`) takes focus when the view replaces another, and on a first
   * view only when nothing has focus (the page just changed), never out of another field.
   */
  protected show(view: Node, options: { focus?: boolean } = {}): void {
    const first = this.#view.childNodes.length === 0;
    this.#view.replaceChildren(view);
    const active = document.activeElement;
    const lost = !active || active === document.body;
    if (options.focus ?? (!first || lost)) this.#view.querySelector<HTMLElement>("h1, h2, h3")?.focus();
  }

  /** Says something to screen readers (and shows it): a change that has no view of its own. */
  protected announce(text: string): void {
    this.#status.textContent = text;
  }

  protected emit(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** The heading level the app asked for (`level="2"`), for views that start with a heading. */
  protected heading(text: string, fallback = 1): HTMLHeadingElement {
    const level = Math.min(3, Math.max(1, Number(this.getAttribute("level")) || fallback));
    return h(`h${level}` as "h1", { class: "lk-title", tabindex: -1, id: newId("title") }, text);
  }
}
