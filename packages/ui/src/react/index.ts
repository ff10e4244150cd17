import type { Passkey, SignInMethod } from "@latchkey/client";
import type { ReactNode } from "react";
import { type KitProps, useKitElement } from "./kit-component.ts";

export type { KitProps } from "./kit-component.ts";

export interface SignedInDetail {
  method: SignInMethod;
}

export interface SignInProps extends KitProps {
  /** The page links in the email open; default: this page. */
  redirectUri?: string;
  onSignedIn?: (detail: SignedInDetail) => void;
}

/** Sign-in: email (link and code) with passkey autofill, and a passkey button. See `<latchkey-sign-in>`. */
export function SignIn(props: SignInProps): ReactNode {
  return useKitElement(
    "latchkey-sign-in",
    props,
    { redirectUri: "redirect-uri" },
    { onSignedIn: "latchkey-signed-in" },
  );
}

export interface SmsSignInProps extends KitProps {
  onSignedIn?: (detail: SignedInDetail) => void;
}

/** Sign-in by a code texted to a phone number. See `<latchkey-sms-sign-in>`. */
export function SmsSignIn(props: SmsSignInProps): ReactNode {
  return useKitElement("latchkey-sms-sign-in", props, {}, { onSignedIn: "latchkey-signed-in" });
}

export interface CheckEmailProps extends KitProps {
  email: string;
  redirectUri?: string;
  onSignedIn?: (detail: SignedInDetail) => void;
  onBack?: () => void;
}

/** The check-email step on its own, for an email asked for elsewhere. See `<latchkey-check-email>`. */
export function CheckEmail(props: CheckEmailProps): ReactNode {
  return useKitElement(
    "latchkey-check-email",
    props,
    { email: "email", redirectUri: "redirect-uri" },
    { onSignedIn: "latchkey-signed-in", onBack: "latchkey-back" },
  );
}

export interface LinkLandingProps extends KitProps {
  onSignedIn?: (detail: SignedInDetail) => void;
  /** The person went back without signing in. */
  onDone?: () => void;
}

/** The page a sign-in link opens; redeems it once, even under StrictMode. See `<latchkey-link-landing>`. */
export function LinkLanding(props: LinkLandingProps): ReactNode {
  return useKitElement(
    "latchkey-link-landing",
    props,
    {},
    { onSignedIn: "latchkey-signed-in", onDone: "latchkey-done" },
  );
}

/** The signed-in user's passkeys: add, rename, delete. See `<latchkey-passkeys>`. */
export function PasskeyManager(props: KitProps): ReactNode {
  return useKitElement("latchkey-passkeys", props, {}, {});
}

export interface PasskeyOfferProps extends KitProps {
  /** First ask the browser to make the passkey unprompted, where its password manager agrees (conditional create). */
  upgrade?: boolean;
  onAdded?: (passkey: Passkey) => void;
  onDismissed?: () => void;
}

/** After an email sign-in, the invitation to add a passkey. See `<latchkey-passkey-offer>`. */
export function PasskeyOffer(props: PasskeyOfferProps): ReactNode {
  return useKitElement(
    "latchkey-passkey-offer",
    props,
    { upgrade: "upgrade" },
    { onAdded: "latchkey-passkey-added", onDismissed: "latchkey-dismissed" },
  );
}
