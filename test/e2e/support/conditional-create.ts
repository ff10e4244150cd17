import type { BrowserContext, Page } from "playwright-core";

/**
 * How the page's browser treats a conditional create (`mediation: "conditional"`): as it is ("as-is"),
 * as a password manager that agrees ("consenting": the request goes to the authenticator as an ordinary
 * one, which the virtual authenticator answers without anyone touching it), or as a browser that cannot
 * ("no-capabilities": no PublicKeyCredential.getClientCapabilities; "not-capable": it says no).
 */
export type ConditionalCreateMode = "as-is" | "consenting" | "no-capabilities" | "not-capable";

/** Records every navigator.credentials.create() of the page with its mediation, and applies `mode`. */
export function watchCreates(context: BrowserContext, mode: ConditionalCreateMode) {
  return context.addInitScript((how) => {
    const calls: { mediation: string | null }[] = [];
    Object.assign(window, { __creates: calls });
    const original = navigator.credentials.create.bind(navigator.credentials);
    navigator.credentials.create = (options?: CredentialCreationOptions) => {
      const mediation = (options as { mediation?: string } | undefined)?.mediation ?? null;
      calls.push({ mediation });
      if (how === "consenting" && mediation === "conditional") {
        const { mediation: _, ...modal } = options as CredentialCreationOptions & { mediation?: string };
        return original(modal);
      }
      return original(options);
    };
    const api = PublicKeyCredential as unknown as { getClientCapabilities?: () => Promise<object> };
    if (how === "no-capabilities") delete api.getClientCapabilities;
    if (how === "not-capable") api.getClientCapabilities = async () => ({ conditionalCreate: false });
  }, mode);
}

/** The mediation of each navigator.credentials.create() the page made ("conditional", or null). */
export function createCalls(page: Page): Promise<(string | null)[]> {
  return page.evaluate(() =>
    (window as unknown as { __creates: { mediation: string | null }[] }).__creates.map((call) => call.mediation),
  );
}
