import { afterEach, describe, expect, it, vi } from "vitest";

const BROWSER_GLOBALS = ["window", "document", "localStorage", "sessionStorage", "location", "customElements"];
const saved = new Map<string, PropertyDescriptor | undefined>();
afterEach(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else Reflect.deleteProperty(globalThis, name);
  }
  saved.clear();
});

describe("the kit's entry points", () => {
  it("touch no browser global when imported, so server rendering can import them", async () => {
    const touched: string[] = [];
    for (const name of BROWSER_GLOBALS) {
      saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get: () => {
          touched.push(name);
          return undefined;
        },
      });
    }
    vi.resetModules();
    const kit = await import("./index.ts");
    await import("./react/index.ts");
    expect(touched).toEqual([]);
    // And defining the elements outside a browser does nothing.
    kit.defineElements();
    expect(touched).toEqual(["customElements"]);
  });
});
