import { generateKeyPairSync } from "node:crypto";
import { testConfig } from "../../passkeys/fixtures/test-config.ts";
import { ed25519Signer } from "../../signing/ed25519-signer.ts";
import type { TableRef } from "../../table/table-schema.ts";

export const TEST_CLIENT = "testclient";
export const OTHER_TEST_CLIENT = "otherclient";

export const newSigningKeyPem = () =>
  generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();

/**
 * For tests: what the magic-link use cases need, over `table`, for a pool with two app clients, an
 * Ed25519 signing key and a clock the test moves (`clock.ms`, epoch ms); `env` overrides the config.
 */
export function testLinkContext(table: TableRef, env: Record<string, string> = {}) {
  const pem = newSigningKeyPem();
  const config = testConfig({
    LATCHKEY_CLIENT_IDS: `${TEST_CLIENT},${OTHER_TEST_CLIENT}`,
    LATCHKEY_SIGNING_KEY_PEM: pem,
    ...env,
  });
  const clock = { ms: 1_800_000_000_000, now: () => clock.ms };
  return { config, table, signer: ed25519Signer(pem), clock };
}
