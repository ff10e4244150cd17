import {
  type CredentialRecord,
  createRegistrationOptions,
  type PasskeyPolicy,
  verifyRegistration,
} from "@latchkey/core/passkeys";
import { TEST_ORIGIN, TEST_RP_ID } from "../config/test-config.ts";
import { type SoftAuthenticatorOptions, softAuthenticator } from "./soft-authenticator.ts";

/**
 * A soft authenticator registered through verifyRegistration alone (no table), for TEST_RP_ID at
 * TEST_ORIGIN: the key, and the credential record the store would hold for it.
 */
export async function registeredCredential(
  policy: PasskeyPolicy,
  username: string,
  options: SoftAuthenticatorOptions = {},
): Promise<{ softKey: ReturnType<typeof softAuthenticator>; record: CredentialRecord }> {
  const softKey = softAuthenticator(options);
  const nowMs = Date.now();
  const creation = createRegistrationOptions(policy, {
    username,
    displayName: username,
    rpId: TEST_RP_ID,
    existing: [],
    nowMs,
  });
  const { credential } = await verifyRegistration(policy, {
    response: softKey.register(creation, { origin: TEST_ORIGIN }),
    username,
    nowMs,
  });
  return { softKey, record: { ...credential, friendlyName: "", createdAt: "", lastUsedAt: undefined } };
}
