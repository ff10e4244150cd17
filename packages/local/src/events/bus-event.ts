import { randomUUID } from "node:crypto";

/** An event as the bus keeps it: the envelope EventBridge delivers to a rule's target, and the bus it went to. */
export interface BusEvent {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  /** ISO 8601, to the second, as EventBridge writes it. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
  eventBusName: string;
}

/** PutEvents' answer for one entry: its event id, or why it was refused. */
export type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** The account the local bus says its events come from. */
const LOCAL_ACCOUNT = "000000000000";

const refused = (ErrorCode: string, ErrorMessage: string) => ({ ErrorCode, ErrorMessage });
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {}
  return undefined;
}

/**
 * One PutEvents entry, checked as EventBridge checks it entry by entry (a refused entry fails alone,
 * in the answer's Entries): Source, DetailType and Detail are required, Detail is a JSON object, and
 * `aws.` sources are AWS's own. The default bus is "default".
 */
export function toBusEvent(
  entry: Record<string, unknown>,
  context: { region: string; now: number },
): BusEvent | ReturnType<typeof refused> {
  const source = text(entry.Source);
  const detailType = text(entry.DetailType);
  const detailText = text(entry.Detail);
  for (const [name, value] of [
    ["Source", source],
    ["DetailType", detailType],
    ["Detail", detailText],
  ] as const) {
    if (value === undefined) {
      return refused("InvalidArgument", `Parameter ${name} is not valid. Reason: ${name} is a required argument.`);
    }
  }
  if (source?.startsWith("aws.")) {
    return refused("NotAuthorizedForSourceException", "Not authorized for the source.");
  }
  const detail = parseDetail(detailText ?? "");
  if (!detail) return refused("MalformedDetail", "Detail is malformed.");
  const resources = Array.isArray(entry.Resources) ? entry.Resources.filter((r) => typeof r === "string") : [];
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": detailType as string,
    source: source as string,
    account: LOCAL_ACCOUNT,
    time: new Date(Math.floor(context.now / 1000) * 1000).toISOString().replace(".000Z", "Z"),
    region: context.region,
    resources,
    detail,
    eventBusName: text(entry.EventBusName) ?? "default",
  };
}
