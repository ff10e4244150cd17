import type { Passkey } from "@latchkey/client";
import type { SignInMethod } from "@latchkey/protocol";
import { CheckEmailElement } from "./elements/check-email.ts";
import { LinkLandingElement } from "./elements/link-landing.ts";
import { PasskeyManagerElement } from "./elements/passkey-manager.ts";
import { PasskeyOfferElement } from "./elements/passkey-offer.ts";
import { SignInElement } from "./elements/sign-in.ts";
import { SmsSignInElement } from "./elements/sms-sign-in.ts";

/** The kit's custom elements by tag. */
export const elements = {
  "latchkey-sign-in": SignInElement,
  "latchkey-sms-sign-in": SmsSignInElement,
  "latchkey-check-email": CheckEmailElement,
  "latchkey-link-landing": LinkLandingElement,
  "latchkey-passkeys": PasskeyManagerElement,
  "latchkey-passkey-offer": PasskeyOfferElement,
} as const;

/**
 * Registers the kit's custom elements (once; later calls do nothing). Configure @latchkey/client
 * first: the elements sign in through its default session. Does nothing outside a browser.
 */
export function defineElements(): void {
  if (typeof customElements === "undefined") return;
  for (const [tag, element] of Object.entries(elements)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}

/** The events the elements send (they bubble), with what each carries. */
export interface KitEventMap {
  "latchkey-signed-in": CustomEvent<{ method: SignInMethod }>;
  "latchkey-back": CustomEvent<undefined>;
  "latchkey-done": CustomEvent<undefined>;
  "latchkey-passkey-added": CustomEvent<Passkey>;
  "latchkey-dismissed": CustomEvent<undefined>;
}

declare global {
  interface HTMLElementTagNameMap {
    "latchkey-sign-in": SignInElement;
    "latchkey-check-email": CheckEmailElement;
    "latchkey-link-landing": LinkLandingElement;
    "latchkey-passkeys": PasskeyManagerElement;
    "latchkey-passkey-offer": PasskeyOfferElement;
  }
  interface HTMLElementEventMap extends KitEventMap {}
}
