/** Local stack start time: cold (first start in a fresh process, incl. imports) and warm (a restart). */
// A module (the import is dynamic, so that it counts in the cold time).
export {};

const coldStarted = performance.now();
const { startLocalStack } = await import("@latchkey/local");
const first = await startLocalStack();
const coldMs = performance.now() - coldStarted;
await first.close();

const warmRuns: number[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const stack = await startLocalStack();
  warmRuns.push(performance.now() - started);
  await stack.close();
}
const round = (ms: number) => Math.round(ms);
console.log(
  JSON.stringify({
    coldStartMs: round(coldMs),
    warmStartMsMedian: round(warmRuns.sort((a, b) => a - b)[1] ?? 0),
    targetMs: 3000,
  }),
);
