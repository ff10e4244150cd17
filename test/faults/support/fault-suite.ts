import type { LocalStack } from "@latchkey/local";
import { afterAll, beforeAll, vi } from "vitest";
import { type FaultStack, startFaultStack } from "./fault-stack.ts";
import { failureBoundMs } from "./verdicts.ts";

export interface FaultSuite {
  faulty: FaultStack;
  stack: LocalStack;
  /** How long a failing call may take: the configured timeouts and retries, with some slack. */
  boundMs: number;
}

/**
 * A fault stack for one test file: started before its tests, closed after them. The api and the
 * triggers log each failure with the dependency's own words; the log is not under test, so it is
 * silenced. The object is filled in before the first test runs.
 */
export function faultSuite(): FaultSuite {
  const suite = {} as FaultSuite;
  beforeAll(async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
    suite.faulty = await startFaultStack();
    suite.stack = suite.faulty.stack;
    suite.boundMs = await failureBoundMs(suite.stack);
  });
  afterAll(async () => {
    await suite.faulty?.close();
    vi.restoreAllMocks();
  });
  return suite;
}
