import { Stack, Token } from "aws-cdk-lib";
import type { Construct } from "constructs";

/** CloudWatch's rule for a namespace; AWS/ is the services' own. */
const NAMESPACE = /^(?!AWS\/)[A-Za-z0-9.\-_/#: ]{1,255}$/;

const taken = new WeakMap<Stack, Set<string>>();

/**
 * The namespace of the functions' own metrics (LATCHKEY_METRICS_NAMESPACE). They are emitted without
 * dimensions too, which the alarms watch: two deployments in one account and Region must not share a
 * namespace, or each would alarm on the other's failures. The default is per stack, `Latchkey/<stack>`;
 * a second Latchkey in the same stack must name its own.
 */
export function metricsNamespace(scope: Construct, requested: string | undefined): string {
  const stack = Stack.of(scope);
  const namespace = requested ?? `Latchkey/${stack.stackName}`;
  if (Token.isUnresolved(namespace) || !NAMESPACE.test(namespace)) {
    throw new Error(
      `Latchkey: metricsNamespace "${namespace}" must be 1 to 255 letters, digits, spaces or . - _ / # :, and not start with AWS/`,
    );
  }
  const used = taken.get(stack) ?? new Set<string>();
  if (used.has(namespace)) {
    throw new Error(
      `Latchkey: metricsNamespace "${namespace}" is used by another Latchkey in this stack: name another`,
    );
  }
  used.add(namespace);
  taken.set(stack, used);
  return namespace;
}
