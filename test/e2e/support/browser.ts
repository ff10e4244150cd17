import { type Browser, type CDPSession, chromium, type Page } from "playwright-core";

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface VirtualAuthenticatorOptions {
  protocol?: "ctap2" | "u2f";
  transport?: "internal" | "usb" | "nfc" | "ble";
  hasResidentKey?: boolean;
  hasUserVerification?: boolean;
  isUserVerified?: boolean;
}

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
}

/**
 * A DevTools virtual authenticator on the page's tab: a platform passkey provider by default.
 * A tab must have one (WebAuthn.enable) or navigator.credentials calls hang forever.
 */
export async function addVirtualAuthenticator(
  page: Page,
  options: VirtualAuthenticatorOptions = {},
): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: options.protocol ?? "ctap2",
      transport: options.transport ?? "internal",
      hasResidentKey: options.hasResidentKey ?? true,
      hasUserVerification: options.hasUserVerification ?? true,
      isUserVerified: options.isUserVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Whether the authenticator answers by itself (a person touching it); off, a request waits for it. */
export function setPresence(authenticator: VirtualAuthenticator, enabled: boolean) {
  return authenticator.cdp.send("WebAuthn.setAutomaticPresenceSimulation", {
    authenticatorId: authenticator.authenticatorId,
    enabled,
  });
}

/** The credentials the virtual authenticator holds (WebAuthn.getCredentials). */
export async function credentialsOf(authenticator: VirtualAuthenticator) {
  const { authenticatorId } = authenticator;
  return (await authenticator.cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
}

/**
 * Puts credentials back on the virtual authenticator (WebAuthn.addCredential), as another of the user's
 * devices would still hold a passkey after this one was told to drop it.
 */
export async function restoreCredentials(
  authenticator: VirtualAuthenticator,
  credentials: Awaited<ReturnType<typeof credentialsOf>>,
) {
  const { authenticatorId } = authenticator;
  for (const credential of credentials) {
    await authenticator.cdp.send("WebAuthn.addCredential", { authenticatorId, credential });
  }
}
