import { EventBus, type IEventBus } from "aws-cdk-lib/aws-events";
import type { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";

/** Where the api, the triggers and the admin API send their audit events (docs/audit-events.md). */
export interface AuditEventSettings {
  /** The bus. Default: the account's default event bus (the construct creates none). */
  eventBus?: IEventBus;
}

/**
 * Points the functions at the audit events' bus (LATCHKEY_EVENT_BUS, its ARN) and lets them put
 * events on that bus only (events:PutEvents). `false` sends none: no variable, no permission.
 */
export function wireAuditEvents(
  scope: Construct,
  settings: AuditEventSettings | false | undefined,
  functions: LambdaFunction[],
): IEventBus | undefined {
  if (settings === false) return undefined;
  const bus = settings?.eventBus ?? EventBus.fromEventBusName(scope, "DefaultEventBus", "default");
  for (const fn of functions) {
    fn.addEnvironment("LATCHKEY_EVENT_BUS", bus.eventBusArn);
    bus.grantPutEventsTo(fn);
  }
  return bus;
}
