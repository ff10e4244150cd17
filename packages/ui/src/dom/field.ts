import { type Child, h, newId } from "./h.ts";

export interface Field {
  /** The label, input, hint and error, in order. */
  element: HTMLElement;
  input: HTMLInputElement;
  /** Shows an error tied to the input (aria-invalid, aria-describedby); undefined clears it. */
  setError(message: string | undefined): void;
}

/**
 * A labelled input whose hint and error are announced with it. The error shows until the next edit.
 */
export function field(options: {
  label: string;
  hint?: string;
  attributes: Record<string, string | number | boolean | undefined>;
}): Field {
  const input = h("input", { class: "lk-input", id: newId("input"), ...options.attributes });
  const hint = options.hint ? h("p", { class: "lk-hint", id: newId("hint") }, options.hint) : undefined;
  const error = h("p", { class: "lk-field-error", id: newId("error"), hidden: true });
  const describe = (withError: boolean) => {
    const ids = [hint?.id, withError ? error.id : undefined].filter(Boolean).join(" ");
    if (ids) input.setAttribute("aria-describedby", ids);
    else input.removeAttribute("aria-describedby");
  };
  const setError = (message: string | undefined) => {
    error.textContent = message ?? "";
    error.hidden = !message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    describe(Boolean(message));
  };
  describe(false);
  input.addEventListener("input", () => setError(undefined));
  const children: Child[] = [h("label", { class: "lk-label", for: input.id }, options.label), input, hint, error];
  return { element: h("div", { class: "lk-field" }, ...children), input, setError };
}

/** A place for a form's own errors, read out when they appear. */
export function alertBox(): { element: HTMLElement; set(message: string | undefined, code?: string): void } {
  const element = h("p", { class: "lk-alert", role: "alert", hidden: true });
  return {
    element,
    set(message, code) {
      element.textContent = message ?? "";
      element.hidden = !message;
      if (code) element.dataset.code = code;
      else delete element.dataset.code;
    },
  };
}

/**
 * Runs `run` with the button saying what it is doing. The button stays focusable (aria-disabled, not
 * disabled: a disabled button drops focus to the page) and a second press meanwhile does nothing.
 */
export async function whileBusy<T>(
  button: HTMLButtonElement,
  busyLabel: string,
  run: () => Promise<T>,
): Promise<T | undefined> {
  if (button.getAttribute("aria-disabled") === "true") return undefined;
  const label = button.textContent;
  button.setAttribute("aria-disabled", "true");
  button.textContent = busyLabel;
  try {
    return await run();
  } finally {
    button.removeAttribute("aria-disabled");
    button.textContent = label;
  }
}
