import { isPasskeySupported } from "./is-passkey-supported.ts";

/** Whether the browser offers passkeys in an input's autofill menu (WebAuthn conditional mediation). */
export async function isConditionalUiAvailable(): Promise<boolean> {
  if (!isPasskeySupported()) return false;
  try {
    return (await PublicKeyCredential.isConditionalMediationAvailable?.()) === true;
  } catch {
    return false;
  }
}
