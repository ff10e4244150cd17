import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "../log.ts";
import { currentInvocation } from "./invocation-store.ts";
import { recordMetric } from "./record-metric.ts";
import { runInvocation } from "./run-invocation.ts";

const info = vi.spyOn(console, "info").mockImplementation(() => {});
afterEach(() => info.mockClear());
const lines = () => info.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);
const start = { flow: "requestMagicLink", requestId: "r-1", msg: "request", namespace: "Latchkey" };

describe("runInvocation", () => {
  it("ends the work with one line: request id, flow, outcome, duration and the metrics it counted", async () => {
    const result = await runInvocation(start, async () => {
      recordMetric("EmailSent", { Kind: "link" });
      return "done";
    });
    expect(result).toBe("done");
    expect(lines()).toEqual([
      {
        level: "info",
        msg: "request",
        requestId: "r-1",
        flow: "requestMagicLink",
        outcome: "ok",
        durationMs: expect.any(Number),
        Kind: "link",
        EmailSent: 1,
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            { Namespace: "Latchkey", Dimensions: [[], ["Kind"]], Metrics: [{ Name: "EmailSent", Unit: "Count" }] },
          ],
        },
      },
    ]);
  });

  it("says a throw failed, rethrows it, and keeps what the work said of itself", async () => {
    const boom = new Error("boom");
    await expect(runInvocation(start, async () => Promise.reject(boom))).rejects.toBe(boom);
    await runInvocation(start, async (invocation) => {
      invocation.outcome = "refused";
      invocation.reason = "IP rate limited";
      invocation.fields.status = 429;
    });
    expect(lines()).toEqual([
      expect.objectContaining({ outcome: "failed" }),
      expect.objectContaining({ outcome: "refused", reason: "IP rate limited", status: 429 }),
    ]);
    expect(lines()[0]).not.toHaveProperty("_aws");
  });

  it("gives an invocation without a platform id a new UUID, which every line of it carries", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await runInvocation({ ...start, requestId: undefined }, async () => log("warn", "inside"));
    const [inside] = warn.mock.calls.map((call) => JSON.parse(String(call[0])));
    warn.mockRestore();
    const [closing] = lines();
    expect(closing?.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(inside).toEqual({ level: "warn", msg: "inside", requestId: closing?.requestId });
  });

  it("waits for the sends still on their way, and counts what they count in the same line", async () => {
    let sent = false;
    await runInvocation(start, async (invocation) => {
      invocation.pending.push(
        new Promise<void>((resolve) =>
          setTimeout(() => {
            sent = true;
            recordMetric("DependencyFailure", { Dependency: "EventBridge" });
            resolve();
          }, 20),
        ),
      );
    });
    expect(sent).toBe(true);
    expect(lines()).toEqual([expect.objectContaining({ Dependency: "EventBridge", DependencyFailure: 1 })]);
  });

  it("keeps concurrent invocations apart, each with its own metrics and id", async () => {
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await Promise.all(
      (["link", "code", "notice"] as const).map((kind, i) =>
        runInvocation({ ...start, requestId: `r-${kind}` }, async () => {
          await wait(30 - i * 10);
          recordMetric("EmailSent", { Kind: kind });
          expect(currentInvocation()?.requestId).toBe(`r-${kind}`);
        }),
      ),
    );
    const byId = Object.fromEntries(lines().map((line) => [line.requestId, line.Kind]));
    expect(byId).toEqual({ "r-link": "link", "r-code": "code", "r-notice": "notice" });
    expect(currentInvocation()).toBeUndefined();
  });

  it("counts nothing outside an invocation", () => {
    recordMetric("EmailSent", { Kind: "link" });
    expect(lines()).toEqual([]);
  });
});
