/** The three methods of the WebAuthn Signal API, and what each takes (base64url IDs). */
export interface SignalOptions {
  signalUnknownCredential: { rpId: string; credentialId: string };
  signalAllAcceptedCredentials: { rpId: string; userId: string; allAcceptedCredentialIds: string[] };
  signalCurrentUserDetails: { rpId: string; userId: string; name: string; displayName: string };
}

export type SignalName = keyof SignalOptions;

/** Whether this browser has the Signal API method; false outside a browser (no PublicKeyCredential). */
export function canSignal(name: SignalName): boolean {
  const api = globalThis.PublicKeyCredential as unknown as Partial<Record<SignalName, unknown>> | undefined;
  return typeof api?.[name] === "function";
}

/**
 * Tells the browser's password manager about the server's passkeys, where the browser can take it.
 * Signals are best effort by design: a browser without the method, or one that refuses the call (an RP
 * ID the page may not use, an ID that is not base64url), changes nothing, and neither is an error for
 * the page. Resolves whether the browser took the signal; never rejects.
 */
export async function sendSignal<Name extends SignalName>(name: Name, options: SignalOptions[Name]): Promise<boolean> {
  if (!canSignal(name)) return false;
  try {
    const api = PublicKeyCredential as unknown as Record<Name, (options: SignalOptions[Name]) => Promise<void>>;
    await api[name](options);
    return true;
  } catch {
    return false;
  }
}
