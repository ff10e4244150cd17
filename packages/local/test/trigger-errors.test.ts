import { createTriggers } from "@latchkey/triggers";
import { afterAll, describe, expect, it, vi } from "vitest";

/**
 * Latchkey's triggers failing in Cognito over a failing dependency (a stable code to the browser, the
 * details to the log, inside Cognito's five seconds) are test/faults' cells; this is the one failure
 * that needs no dependency at all.
 */
describe("Latchkey's triggers, failing in Cognito", () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  afterAll(() => logged.mockRestore());

  it("say INTERNAL, not what broke, when their dependencies cannot even be built", async () => {
    const failing = createTriggers(async () => {
      throw new Error("LATCHKEY_SIGNING_KEY_FILE: cannot read /secret/path/key.pem");
    });
    const event = { triggerSource: "VerifyAuthChallengeResponse_Authentication" } as never;
    await expect(failing.handler(event)).rejects.toThrow(/^INTERNAL$/);
    expect(JSON.stringify(logged.mock.calls)).toContain("/secret/path/key.pem");
  });
});
