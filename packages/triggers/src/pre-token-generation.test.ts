import { preTokenGenerationEvent } from "@latchkey/testkit/cognito-events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTriggers } from "./create-triggers.ts";
import { preTokenGeneration } from "./pre-token-generation.ts";

const username = "a11ce000-0000-4000-8000-000000000001";
const accessClaims = (event: ReturnType<typeof preTokenGeneration>) =>
  event.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride;

const error = vi.spyOn(console, "error").mockImplementation(() => {});
afterEach(() => error.mockClear());

describe("preTokenGeneration", () => {
  it("binds a step-up to its action: the access token gets the step_up_action claim", () => {
    const event = preTokenGenerationEvent({
      username,
      clientMetadata: { signInMethod: "PASSKEY", stepUpAction: "delete-passkey" },
    });
    expect(accessClaims(preTokenGeneration(event))).toEqual({ step_up_action: "delete-passkey" });
    expect(event.response.claimsAndScopeOverrideDetails?.idTokenGeneration).toBeUndefined();
  });

  it("changes nothing for a sign-in that names no action", () => {
    const event = preTokenGenerationEvent({ username, clientMetadata: { signInMethod: "EMAIL_CODE" } });
    expect(preTokenGeneration(event).response).toEqual({ claimsAndScopeOverrideDetails: null });
  });

  it("binds nothing on a refresh, whatever its ClientMetadata says", () => {
    const event = preTokenGenerationEvent({
      username,
      clientMetadata: { stepUpAction: "delete-passkey" },
      triggerSource: "TokenGeneration_RefreshTokens",
    });
    expect(preTokenGeneration(event).response).toEqual({ claimsAndScopeOverrideDetails: null });
  });

  it.each(["", "Delete-passkey", "delete passkey", "delete_passkey", "1delete", "a".repeat(33), "délete", "x\n"])(
    "refuses the malformed action %j rather than issue an unbound token",
    (action) => {
      const event = preTokenGenerationEvent({ username, clientMetadata: { stepUpAction: action } });
      expect(() => preTokenGeneration(event)).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    },
  );

  it("refuses an action in a V1_0 event, whose response cannot reach the access token", () => {
    const event = { ...preTokenGenerationEvent({ username, clientMetadata: { stepUpAction: "delete-passkey" } }) };
    event.version = "1";
    expect(() => preTokenGeneration(event)).toThrow(expect.objectContaining({ code: "INTERNAL" }));
  });

  it("runs in the combined handler, whose failures reach Cognito as a code only", async () => {
    const { handler } = createTriggers(async () => {
      throw new Error("pre token generation needs no dependencies");
    });
    const bound = preTokenGenerationEvent({ username, clientMetadata: { stepUpAction: "register-passkey" } });
    const answered = (await handler(bound)) as ReturnType<typeof preTokenGeneration>;
    expect(accessClaims(answered)).toEqual({ step_up_action: "register-passkey" });
    const refresh = preTokenGenerationEvent({ username, triggerSource: "TokenGeneration_RefreshTokens" });
    expect(((await handler(refresh)) as ReturnType<typeof preTokenGeneration>).response).toEqual({
      claimsAndScopeOverrideDetails: null,
    });
    const malformed = preTokenGenerationEvent({ username, clientMetadata: { stepUpAction: "DROP TABLE" } });
    await expect(handler(malformed)).rejects.toThrow(/^BAD_REQUEST$/);
  });
});

describe("a trigger's line", () => {
  it("carries Lambda's request id, the trigger's name and its outcome", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const { handler } = createTriggers(async () => {
      throw new Error("pre token generation needs no dependencies");
    });
    await handler(preTokenGenerationEvent({ username }), { awsRequestId: "lambda-7" });
    const malformed = preTokenGenerationEvent({ username, clientMetadata: { stepUpAction: "DROP TABLE" } });
    await expect(handler(malformed, { awsRequestId: "lambda-8" })).rejects.toThrow(/^BAD_REQUEST$/);
    expect(info.mock.calls.map((call) => JSON.parse(String(call[0])))).toEqual([
      expect.objectContaining({ msg: "trigger", requestId: "lambda-7", flow: "preTokenGeneration", outcome: "ok" }),
      expect.objectContaining({ requestId: "lambda-8", outcome: "failed", code: "BAD_REQUEST" }),
    ]);
    info.mockRestore();
  });
});
