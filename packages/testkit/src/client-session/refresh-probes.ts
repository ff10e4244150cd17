import { vi } from "vitest";

/** The refresh timers (over a minute) set since this was called and not cleared yet. */
export function pendingRefreshTimers(): () => unknown[] {
  const set = vi.spyOn(globalThis, "setTimeout");
  const cleared = vi.spyOn(globalThis, "clearTimeout");
  return () =>
    set.mock.calls
      .flatMap(([, delay], i) => (Number(delay) > 60_000 ? [set.mock.results[i]?.value] : []))
      .filter((timer) => !cleared.mock.calls.some(([id]) => id === timer));
}

/**
 * A pass-through spy on fetch that holds Cognito's answers to refreshes until `release()`, so the
 * test can act while one is out: the refresh has happened at Cognito, its answer comes back late.
 */
export function holdRefreshAnswers() {
  const realFetch = globalThis.fetch;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived = () => {};
  const answered = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const response = await realFetch(input, init);
    if (!String(init?.body).includes("REFRESH_TOKEN_AUTH")) return response;
    arrived();
    await released;
    return response;
  });
  const refreshes = () => spy.mock.calls.filter(([, init]) => String(init?.body).includes("REFRESH_TOKEN_AUTH"));
  return { answered, release, count: () => refreshes().length };
}
