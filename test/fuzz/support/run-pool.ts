/**
 * Runs `task` over every item, `concurrency` at a time, as concurrent clients would. A task that throws
 * stops its worker; the others finish their items before the first error is thrown, so nothing of this
 * run is still sending when the next test starts.
 */
export async function runPool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}
