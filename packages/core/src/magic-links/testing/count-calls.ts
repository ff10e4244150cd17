/** The part of an AWS SDK v3 middleware stack that counting needs. */
interface MiddlewareStack {
  add(
    middleware: (
      next: (args: unknown) => Promise<unknown>,
      context: { commandName?: string },
    ) => (args: unknown) => Promise<unknown>,
    options: { step: "initialize"; name: string },
  ): void;
}

export interface CallCounter {
  /** Calls per operation name, e.g. {UpdateItemCommand: 2}. */
  readonly byCommand: Record<string, number>;
  total(): number;
  reset(): void;
}

let counters = 0;

/** For tests: counts the calls a real SDK client makes, by command, without changing them. */
export function countCalls(client: { middlewareStack: unknown }): CallCounter {
  const byCommand: Record<string, number> = {};
  (client.middlewareStack as MiddlewareStack).add(
    (next, context) => async (args) => {
      const name = context.commandName ?? "unknown";
      byCommand[name] = (byCommand[name] ?? 0) + 1;
      return next(args);
    },
    { step: "initialize", name: `latchkeyCallCounter${++counters}` },
  );
  return {
    byCommand,
    total: () => Object.values(byCommand).reduce((sum, count) => sum + count, 0),
    reset() {
      for (const name of Object.keys(byCommand)) delete byCommand[name];
    },
  };
}
