import { type Passkey, registerPasskey, renamePasskey } from "@latchkey/client";
import { browserAndPlatform } from "./device-name.ts";
import type { Strings } from "./i18n/strings.ts";
import { reverify } from "./reverify.ts";
import { rememberThisDevice } from "./this-device.ts";

/** Elements that show passkeys listen here: one of them added, renamed or deleted one. */
export const passkeyChanges: EventTarget = new EventTarget();

/**
 * Registers a passkey on this device, proving the user again first if the api asks. The api names it
 * after its authenticator's AAGUID; one the list does not know would be "Passkey", so it is renamed
 * after this browser and platform ("Chrome on macOS"), which tells the person more.
 */
export async function addPasskey(t: Strings): Promise<Passkey> {
  let passkey = await reverify(() => registerPasskey(), { strings: t, action: "register-passkey" });
  rememberThisDevice(passkey.id);
  if (!passkey.authenticatorName) {
    passkey = await renamePasskey(passkey.id, t.deviceName(...browserAndPlatform())).catch(() => passkey);
  }
  passkeyChanges.dispatchEvent(new Event("change"));
  return passkey;
}
