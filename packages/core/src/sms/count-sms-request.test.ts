import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countSmsRequest, type SmsBudgets } from "./count-sms-request.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const budgets: SmsBudgets = { maxPerNumberPerHour: 2, maxPerRangePerHour: 3, maxPerIpPerHour: 4, maxPerHour: 6 };
let hourCount = 0;
/** A fresh clock hour per test (and the next one free), 10 minutes in: each test has its counters to itself. */
function freshHour() {
  hourCount += 1;
  return 1_800_000_000 + hourCount * 7200 + 600;
}
const count = (nowSeconds: number, numberHash: string, rangeHash: string, ipHash: string) =>
  countSmsRequest(table, { keys: { numberHash, rangeHash, ipHash }, nowSeconds, budgets });

describe("countSmsRequest", () => {
  it("refuses a number's third text in an hour, from any network, until the hour turns", async () => {
    const now = freshHour();
    expect(await count(now, "n-1", "r-1", "ip-1")).toEqual({ allowed: true });
    expect(await count(now, "n-1", "r-1", "ip-2")).toEqual({ allowed: true });
    expect(await count(now, "n-1", "r-1", "ip-3")).toEqual({ allowed: false, retryAfter: 3000 });
    expect(await count(now, "n-2", "r-1", "ip-3")).toEqual({ allowed: true });
    expect(await count(now + 3000, "n-1", "r-1", "ip-3")).toEqual({ allowed: true });
  });

  it("refuses a range's fourth text in an hour, whichever numbers and networks", async () => {
    const now = freshHour();
    for (const n of ["n-1", "n-2", "n-3"]) expect((await count(now, n, "r-1", `ip-${n}`)).allowed).toBe(true);
    expect((await count(now, "n-4", "r-1", "ip-x")).allowed).toBe(false);
    expect((await count(now, "n-4", "r-2", "ip-x")).allowed).toBe(true);
  });

  it("refuses a network's fifth request in an hour, whichever numbers it asks for", async () => {
    const now = freshHour();
    for (let i = 0; i < 4; i++) expect((await count(now, `n-${i}`, `r-${i}`, "ip-1")).allowed).toBe(true);
    expect((await count(now, "n-9", "r-9", "ip-1")).allowed).toBe(false);
    expect((await count(now, "n-9", "r-9", "ip-2")).allowed).toBe(true);
  });

  it("refuses the seventh text in an hour in all, and a refusal uses up nothing", async () => {
    const now = freshHour();
    for (let i = 0; i < 6; i++) expect((await count(now, `n-${i}`, `r-${i}`, `ip-${i}`)).allowed).toBe(true);
    expect((await count(now, "n-x", "r-x", "ip-x")).allowed).toBe(false);
    expect((await count(now, "n-y", "r-y", "ip-y")).allowed).toBe(false);
    expect((await count(now + 3600, "n-x", "r-x", "ip-x")).allowed).toBe(true);
  });

  it("lets no more through than the budget, however many arrive at once", async () => {
    const now = freshHour();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => count(now, "n-1", `r-${i}`, `ip-${i}`)));
    expect(results.filter((result) => result.allowed)).toHaveLength(budgets.maxPerNumberPerHour);
  });

  it("is one DynamoDB call", async () => {
    table.calls.reset();
    await count(freshHour(), "n-1", "r-1", "ip-1");
    expect(table.calls.sent).toEqual(["UpdateItemCommand"]);
  });
});
