import { afterEach, describe, expect, it, vi } from "vitest";
import { configure } from "../session/default-session.ts";
import { requestMagicLink } from "./request-magic-link.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("requestMagicLink outside a browser", () => {
  it("asks for the redirectUri it cannot take from a page, and sends nothing", async () => {
    expect(typeof location).toBe("undefined");
    configure({ cognito: { userPoolId: "us-east-1_Test1", clientId: "client1" }, apiUrl: "http://127.0.0.1:9" });
    const fetch = vi.spyOn(globalThis, "fetch");
    await expect(requestMagicLink({ email: "ada@example.com" })).rejects.toMatchObject({
      code: "INVALID_REDIRECT_URI",
      message: "Outside a browser, give the redirectUri the link opens.",
    });
    expect(fetch).not.toHaveBeenCalled();
  });
});
