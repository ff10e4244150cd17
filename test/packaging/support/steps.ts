/**
 * Names the steps of a long test as they start and end, with their durations, so a run that runs out of
 * time says which step it was in; each step also has a limit of its own, and fails naming it.
 */
export function steps(test: string) {
  return async function step<T>(name: string, work: () => Promise<T>, limitMs = 240_000): Promise<T> {
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    console.info(`${test} · ${name} …`);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${test} · ${name}: no end after ${limitMs / 1000} s`)), limitMs);
    });
    try {
      const result = await Promise.race([work(), limit]);
      console.info(`${test} · ${name}: ${seconds()} s`);
      return result;
    } finally {
      clearTimeout(timer);
    }
  };
}
