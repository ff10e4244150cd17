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
  /** Every command sent, by name and in order, e.g. ["GetItemCommand", "PutItemCommand"]. */
  readonly sent: readonly string[];
  /** Calls per command, e.g. {UpdateItemCommand: 2}. */
  readonly byCommand: Record<string, number>;
  total(): number;
  reset(): void;
}

let counters = 0;

/** Counts the calls a real SDK client makes, by command, without changing them. */
export function countCalls(client: { middlewareStack: unknown }): CallCounter {
  const sent: string[] = [];
  (client.middlewareStack as MiddlewareStack).add(
    (next, context) => async (args) => {
      sent.push(context.commandName ?? "unknown");
      return next(args);
    },
    { step: "initialize", name: `latchkeyCallCounter${++counters}` },
  );
  return {
    sent,
    get byCommand() {
      const byCommand: Record<string, number> = {};
      for (const name of sent) byCommand[name] = (byCommand[name] ?? 0) + 1;
      return byCommand;
    },
    total: () => sent.length,
    reset() {
      sent.length = 0;
    },
  };
}
