import { generateKeyPairSync, randomBytes } from "node:crypto";
import { type LatchkeyConfig, parseConfig } from "@latchkey/core";

export const TEST_ORIGIN = "https://app.example.com";
export const TEST_RP_ID = "example.com";
export const TEST_POOL = "us-east-1_TestPool1";
/** The pool's two app clients: links and answers are bound to the one they were made for. */
export const TEST_CLIENT = "testclient00000000000001";
export const OTHER_TEST_CLIENT = "testclient00000000000002";

/** A fresh Ed25519 private key (PKCS#8 PEM), as magic links are signed with. */
export function newSigningKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/**
 * A config as the parser builds it, for a site at TEST_ORIGIN (plus a second RP) on a pool with two app
 * clients, with overrides. It names no signing key: magic-link tests add one (newSigningKeyPem).
 */
export function testConfig(overrides: Record<string, string> = {}): LatchkeyConfig {
  return parseConfig({
    LATCHKEY_REGION: "us-east-1",
    LATCHKEY_USER_POOL_ID: TEST_POOL,
    LATCHKEY_CLIENT_IDS: `${TEST_CLIENT},${OTHER_TEST_CLIENT}`,
    LATCHKEY_TABLE_NAME: "latchkey-test",
    LATCHKEY_RP_IDS: `${TEST_RP_ID},other.example`,
    LATCHKEY_ALLOWED_ORIGINS: `${TEST_ORIGIN},https://other.example`,
    LATCHKEY_CHALLENGE_SECRET: randomBytes(32).toString("base64"),
    LATCHKEY_SENDER_ADDRESS: "no-reply@example.com",
    LATCHKEY_AAGUID_SOURCE: "",
    ...overrides,
  });
}
