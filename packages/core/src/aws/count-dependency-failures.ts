import { type Dependency, recordMetric } from "../telemetry/record-metric.ts";

/**
 * An AWS SDK client, as far as adding a middleware goes. The SDK types each client's middleware by
 * that client's inputs and outputs; this one passes them through untouched, whatever they are.
 */
interface SdkClient {
  middlewareStack: { add(middleware: never, options: { step: "initialize"; name: string }): void };
}

type Handler = (args: object) => Promise<object>;

/**
 * Counts each call of `client` that failed (after the SDK's retries: the initialize step wraps them
 * all) as DependencyFailure of `dependency`, in the running invocation's line. An error the code
 * expects as an answer (`expected`: DynamoDB's condition failure, Cognito's unknown user) is no failure.
 */
export function countDependencyFailures<C extends SdkClient>(
  client: C,
  dependency: Dependency,
  expected: (error: unknown) => boolean = () => false,
): C {
  const middleware =
    (next: Handler): Handler =>
    async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!expected(error)) recordMetric("DependencyFailure", { Dependency: dependency });
        throw error;
      }
    };
  client.middlewareStack.add(middleware as never, { step: "initialize", name: "latchkeyDependencyFailures" });
  return client;
}
