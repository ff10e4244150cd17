import { afterEach, describe, expect, it } from "vitest";
import { canSignal, sendSignal } from "./send-signal.ts";

const saved = Object.getOwnPropertyDescriptor(globalThis, "PublicKeyCredential");
afterEach(() => {
  if (saved) Object.defineProperty(globalThis, "PublicKeyCredential", saved);
  else Reflect.deleteProperty(globalThis, "PublicKeyCredential");
});

/** A PublicKeyCredential with only the given static methods, as a browser would have it. */
function browserWith(methods: Record<string, (...args: unknown[]) => unknown>) {
  Object.defineProperty(globalThis, "PublicKeyCredential", {
    configurable: true,
    value: Object.assign(() => {}, methods),
  });
}

const unknown = { rpId: "example.com", credentialId: "AQID" };

describe("sendSignal", () => {
  it("does nothing, and does not fail, outside a browser", async () => {
    Reflect.deleteProperty(globalThis, "PublicKeyCredential");
    expect(canSignal("signalUnknownCredential")).toBe(false);
    await expect(sendSignal("signalUnknownCredential", unknown)).resolves.toBe(false);
  });

  it("does nothing in a browser without the method", async () => {
    browserWith({ signalAllAcceptedCredentials: async () => {} });
    expect(canSignal("signalUnknownCredential")).toBe(false);
    await expect(sendSignal("signalUnknownCredential", unknown)).resolves.toBe(false);
  });

  it("passes the options as they are, with the method bound to PublicKeyCredential", async () => {
    const calls: unknown[] = [];
    browserWith({
      signalUnknownCredential(this: unknown, options: unknown) {
        calls.push([this === globalThis.PublicKeyCredential, options]);
        return Promise.resolve();
      },
    });
    await expect(sendSignal("signalUnknownCredential", unknown)).resolves.toBe(true);
    expect(calls).toEqual([[true, unknown]]);
  });

  it("swallows a browser's refusal, whether it rejects or throws", async () => {
    browserWith({ signalUnknownCredential: () => Promise.reject(new DOMException("no", "SecurityError")) });
    await expect(sendSignal("signalUnknownCredential", unknown)).resolves.toBe(false);
    browserWith({
      signalUnknownCredential: () => {
        throw new TypeError("Invalid base64url string for credentialId.");
      },
    });
    await expect(sendSignal("signalUnknownCredential", unknown)).resolves.toBe(false);
  });
});
