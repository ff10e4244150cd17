import { generateKeyPairSync, randomBytes } from "node:crypto";
import { type LatchkeyConfig, parseConfig } from "@latchkey/core";
import type { TestTable } from "@latchkey/core/magic-links/testing";
import { ed25519Signer } from "@latchkey/core/signing";
import type { TriggerDeps } from "../deps.ts";

export const POOL = "us-east-1_TestPool1";
export const CLIENT = "testclient00000000000001";
export const OTHER_CLIENT = "testclient00000000000002";

export function newPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

export function testConfig(env: Record<string, string> = {}): LatchkeyConfig {
  return parseConfig({
    LATCHKEY_REGION: "us-east-1",
    LATCHKEY_USER_POOL_ID: POOL,
    LATCHKEY_CLIENT_IDS: `${CLIENT},${OTHER_CLIENT}`,
    LATCHKEY_TABLE_NAME: "latchkey-test",
    LATCHKEY_RP_IDS: "localhost",
    LATCHKEY_ALLOWED_ORIGINS: "http://localhost:5173",
    LATCHKEY_CHALLENGE_SECRET: randomBytes(32).toString("base64"),
    LATCHKEY_SENDER_ADDRESS: "no-reply@example.com",
    LATCHKEY_SIGNING_KEY_PEM: newPem(),
    ...env,
  });
}

/** Trigger deps over a dynalite table, with a clock the test moves (epoch ms). */
export function testDeps(local: TestTable, config = testConfig()) {
  const clock = { ms: 1_800_000_000_000, now: () => clock.ms };
  const deps: TriggerDeps = {
    config,
    table: local.table,
    signer: ed25519Signer(config.magicLinks.signingKeyPem ?? ""),
    clock,
  };
  return { deps, clock };
}

export const newVerifier = () => randomBytes(32).toString("base64url");
