import { describe, expect, it } from "vitest";
import { onFirstCall } from "./on-first-call.ts";

interface Greeter {
  greet(name: string): Promise<string>;
  count(): Promise<number>;
}

/** A Greeter whose builds are counted; each build fails while `failing` says so. */
function counted(failing = () => false) {
  const builds: number[] = [];
  const build = async (): Promise<Greeter> => {
    builds.push(builds.length + 1);
    if (failing()) throw new Error("the SDK module could not load");
    let calls = 0;
    return {
      greet: async (name) => `hello ${name} (build ${builds.length})`,
      count: async () => ++calls,
    };
  };
  return { builds, greeter: onFirstCall(build, ["greet", "count"]) };
}

describe("onFirstCall", () => {
  it("builds nothing until a method is called, then once for every call and method after", async () => {
    const { builds, greeter } = counted();
    expect(builds).toEqual([]);
    expect(await greeter.greet("ada")).toBe("hello ada (build 1)");
    expect(await greeter.count()).toBe(1);
    expect(await greeter.count()).toBe(2);
    expect(builds).toEqual([1]);
  });

  it("shares one build between calls made before it ends", async () => {
    const { builds, greeter } = counted();
    const answers = await Promise.all([greeter.greet("a"), greeter.greet("b"), greeter.count()]);
    expect(answers).toEqual(["hello a (build 1)", "hello b (build 1)", 1]);
    expect(builds).toEqual([1]);
  });

  it("fails the call whose build fails, keeps nothing of it, and builds again on the next call", async () => {
    let broken = true;
    const { builds, greeter } = counted(() => broken);
    await expect(greeter.greet("a")).rejects.toThrow("could not load");
    await expect(greeter.count()).rejects.toThrow("could not load");
    broken = false;
    expect(await greeter.greet("a")).toBe("hello a (build 3)");
    expect(await greeter.greet("b")).toBe("hello b (build 3)");
    expect(builds).toEqual([1, 2, 3]);
  });

  it("has only the methods named", () => {
    const { greeter } = counted();
    expect(Object.keys(greeter).sort()).toEqual(["count", "greet"]);
  });
});
