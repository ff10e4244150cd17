import { currentInvocation } from "../telemetry/invocation-store.ts";
import { type Dependency, recordMetric } from "../telemetry/record-metric.ts";

/**
 * An AWS SDK client, as far as adding a middleware goes. The SDK types each client's middleware by
 * that client's inputs and outputs; this one passes them through untouched, whatever they are.
 */
interface SdkClient {
  middlewareStack: { add(middleware: never, options: { step: "initialize"; name: string }): void };
}

type Handler = (args: object) => Promise<object>;

/** "GetItemCommand" -> "GetItem": the operation, as the service's price list and CloudTrail name it. */
const operationOf = (commandName: string | undefined) => (commandName ?? "Unknown").replace(/Command$/, "");

/**
 * Counts each call of `client` in the running invocation's line (`calls`, by dependency and operation:
 * what the invocation cost), and each that failed (after the SDK's retries: the initialize step wraps them all)
 * as DependencyFailure of `dependency`. An error the code expects as an answer (`expected`: DynamoDB's
 * condition failure, Cognito's unknown user) is no failure.
 */
export function countDependencyCalls<C extends SdkClient>(
  client: C,
  dependency: Dependency,
  expected: (error: unknown) => boolean = () => false,
): C {
  const middleware =
    (next: Handler, context: { commandName?: string }): Handler =>
    async (args) => {
      const calls = currentInvocation()?.calls;
      if (calls) {
        calls[dependency] ??= {};
        const operations = calls[dependency];
        const operation = operationOf(context.commandName);
        operations[operation] = (operations[operation] ?? 0) + 1;
      }
      try {
        return await next(args);
      } catch (error) {
        if (!expected(error)) recordMetric("DependencyFailure", { Dependency: dependency });
        throw error;
      }
    };
  client.middlewareStack.add(middleware as never, { step: "initialize", name: "latchkeyDependencyCalls" });
  return client;
}
