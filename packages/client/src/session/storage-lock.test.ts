import { describe, expect, it } from "vitest";
import { memoryStorage } from "./memory-storage.ts";
import { withStorageLock } from "./storage-lock.ts";

describe("withStorageLock", () => {
  it("lets one holder in at a time and releases the lock after each", async () => {
    const storage = memoryStorage();
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        withStorageLock(storage, "lock", async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 20));
          order.push(n);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order.sort()).toEqual([1, 2, 3]);
    expect(storage.getItem("lock")).toBeNull();
  });

  it("takes over a lock whose holder went away (lease expired)", async () => {
    const storage = memoryStorage();
    storage.setItem("lock", `closed-tab ${Date.now() - 1}`);
    await expect(withStorageLock(storage, "lock", async () => "ran")).resolves.toBe("ran");
  });

  it("releases the lock when the work fails", async () => {
    const storage = memoryStorage();
    await expect(withStorageLock(storage, "lock", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(storage.getItem("lock")).toBeNull();
  });
});
