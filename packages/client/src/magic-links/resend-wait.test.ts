import { afterEach, describe, expect, it, vi } from "vitest";
import { countDownResend, noteResendWait, resendWaitSeconds } from "./resend-wait.ts";

afterEach(() => vi.useRealTimers());

describe("the resend wait", () => {
  it("counts down, each second, from the api's Retry-After for that address only", () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    expect(resendWaitSeconds("a@example.com")).toBe(0);
    noteResendWait(" A@Example.com ", 3);
    expect(resendWaitSeconds("a@example.com")).toBe(3);
    expect(resendWaitSeconds("b@example.com")).toBe(0);
    const ticks: number[] = [];
    countDownResend("a@example.com", (left) => ticks.push(left));
    vi.advanceTimersByTime(10_000);
    expect(ticks).toEqual([3, 2, 1, 0]);
  });

  it("stops when asked, and ticks once at 0 when there is nothing to wait for", () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    noteResendWait("c@example.com", 60);
    const ticks: number[] = [];
    const stop = countDownResend("c@example.com", (left) => ticks.push(left));
    vi.advanceTimersByTime(1500);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(ticks).toEqual([60, 59]);
    const none: number[] = [];
    countDownResend("d@example.com", (left) => none.push(left));
    vi.advanceTimersByTime(5000);
    expect(none).toEqual([0]);
  });
});
