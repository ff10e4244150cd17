import { isPasskeySupported } from "./is-passkey-supported.ts";

/**
 * Whether the browser can make a passkey without a prompt (WebAuthn conditional create), as its client
 * capabilities say. Whether its password manager will, for this account and now, only the attempt tells.
 */
export async function isConditionalCreateAvailable(): Promise<boolean> {
  if (!isPasskeySupported()) return false;
  try {
    const capabilities = await PublicKeyCredential.getClientCapabilities?.();
    return capabilities?.conditionalCreate === true;
  } catch {
    return false;
  }
}
