/**
 * Runs `work` and settles no sooner than `minimumMs` after it started, with its result or its error,
 * so that a caller cannot tell from the timing which path the work took.
 */
export async function withMinimumDuration<T>(minimumMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const wait = () => {
    const left = minimumMs - (performance.now() - started);
    return left > 0 ? new Promise<void>((resolve) => setTimeout(resolve, left)) : undefined;
  };
  try {
    const result = await work();
    await wait();
    return result;
  } catch (error) {
    await wait();
    throw error;
  }
}
