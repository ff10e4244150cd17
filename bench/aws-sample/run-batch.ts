import type { Servers } from "./fork-servers.ts";
import type { Account, Flow } from "./sign-in-flows.ts";

type Counted = Record<string, number>;

export interface Batch {
  flows: number;
  perSecond: number;
  medianMs: number;
  p90Ms: number;
  /** Per flow, on the server side, by operation. */
  calls: { dynamodb: Counted; kms: Counted; ses: Counted; events: Counted; cognitoServer: Counted };
  /** Sign-ins that failed (an overloaded moment of the shared machine); more than a few fail the bench. */
  failures: number;
  /** Per flow: the browser's own Cognito calls. */
  cognitoBrowser: number;
  serverCpuMsPerFlow: number;
}

const diff = (after: Counted, before: Counted, flows: number): Counted =>
  Object.fromEntries(
    Object.entries(after)
      .map(([name, count]) => [name, (count - (before[name] ?? 0)) / flows] as const)
      .filter(([, count]) => count > 0),
  );

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * `concurrency` browsers signing in back to back for `ms`, each with accounts of its own in turn (browser
 * b takes b, b + concurrency, ...; `accounts.length` a multiple of `concurrency`): the rate,
 * the latencies, and what the servers spent per sign-in (calls by service, CPU) over the batch.
 */
export async function runBatch(
  servers: Servers,
  flow: Flow,
  accounts: Account[],
  options: { concurrency: number; ms: number; browserCalls: { total(): number; reset(): void } },
): Promise<Batch> {
  options.browserCalls.reset();
  const before = await servers.call("stats");
  const durations: number[] = [];
  const errors: Error[] = [];
  const started = performance.now();
  const deadline = started + options.ms;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      for (let turn = worker; performance.now() < deadline; turn += options.concurrency) {
        const account = accounts[turn % accounts.length] as Account;
        const t0 = performance.now();
        try {
          await flow(account);
          durations.push(performance.now() - t0);
        } catch (error) {
          errors.push(error as Error);
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  const after = await servers.call("stats");
  const flows = durations.length;
  if (errors.length > flows / 20) throw new Error(`${errors.length} of ${flows} sign-ins failed`, { cause: errors[0] });
  const sorted = durations.sort((a, b) => a - b);
  const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
  return {
    flows,
    perSecond: Math.round((flows * 1000) / elapsed),
    medianMs: Math.round(at(sorted, 0.5) * 10) / 10,
    p90Ms: Math.round(at(sorted, 0.9) * 10) / 10,
    calls: {
      dynamodb: diff(after.dynamodb, before.dynamodb, flows),
      kms: diff(after.kms, before.kms, flows),
      ses: diff(after.ses, before.ses, flows),
      events: diff(after.events, before.events, flows),
      cognitoServer: diff(after.cognito, before.cognito, flows),
    },
    cognitoBrowser: options.browserCalls.total() / (flows + errors.length),
    failures: errors.length,
    serverCpuMsPerFlow: Math.round((cpuMs / flows) * 100) / 100,
  };
}
