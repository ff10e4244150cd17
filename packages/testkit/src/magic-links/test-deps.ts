import { noAuditEvents, type TableRef } from "@latchkey/core";
import { ed25519Signer } from "@latchkey/core/signing";
import type { TriggerDeps } from "@latchkey/triggers";
import { newSigningKeyPem, testConfig } from "../config/test-config.ts";

/** A test config with a magic-link signing key. */
export const magicLinkConfig = (overrides: Record<string, string> = {}) =>
  testConfig({ LATCHKEY_SIGNING_KEY_PEM: newSigningKeyPem(), ...overrides });

/** Trigger deps over a test table, with a clock the test moves (epoch ms). */
export function testDeps(table: TableRef, config = magicLinkConfig()) {
  const clock = { ms: 1_800_000_000_000, now: () => clock.ms };
  const deps: TriggerDeps = {
    config,
    table,
    signer: ed25519Signer(config.magicLinks.signingKeyPem ?? ""),
    clock,
    auditEvents: noAuditEvents,
  };
  return { deps, clock };
}

/** What the magic-link use cases need over `table`, with the clock the test moves; `env` overrides the config. */
export const testLinkContext = (table: TableRef, env: Record<string, string> = {}) =>
  testDeps(table, magicLinkConfig(env)).deps as TriggerDeps & { clock: { ms: number } };
