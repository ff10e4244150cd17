import type { StepUpMethod } from "@latchkey/protocol";
import { LatchkeyClientError } from "../errors.ts";
import { isPasskeySupported } from "../is-passkey-supported.ts";
import { listPasskeys } from "../passkeys/list-passkeys.ts";
import { getUser } from "../session/default-session.ts";

/**
 * How the signed-in user can step up here, best first: PASSKEY when this browser has WebAuthn and
 * the user has a passkey, then SMS_CODE when their phone number is verified, then EMAIL_CODE when
 * their address is. Empty: no way to step up.
 */
export async function stepUpMethods(): Promise<StepUpMethod[]> {
  const user = getUser();
  if (!user) throw new LatchkeyClientError("NOT_SIGNED_IN", "Sign in first.");
  const methods: StepUpMethod[] = [];
  if (isPasskeySupported() && (await listPasskeys()).length > 0) methods.push("PASSKEY");
  if (user.phoneNumber && user.phoneNumberVerified) methods.push("SMS_CODE");
  if (user.email && user.emailVerified) methods.push("EMAIL_CODE");
  return methods;
}
