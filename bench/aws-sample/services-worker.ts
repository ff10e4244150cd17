/**
 * What stands in for AWS's own services in bench/aws-sample.ts, on a thread of its own so that the
 * server thread's CPU time is the handlers' and the emulators' that invoke them: dynalite, the bench
 * KMS, and the counting proxies in front of DynamoDB, KMS, SES, EventBridge and both Cognito pools.
 */
import { parentPort } from "node:worker_threads";
import { startDynamo } from "@latchkey/local/dynamodb";
import { type FaultProxy, startFaultProxy } from "@latchkey/testkit/faults";
import { startBenchKms } from "./start-bench-kms.ts";

export type ServiceName = "dynamodb" | "kms" | "ses" | "events" | "cognito" | "sampleCognito";
export type ServiceRequest =
  | { id: number; op: "forward"; name: ServiceName; url: string }
  | { id: number; op: "counts" }
  | { id: number; op: "close" };

const [dynamo, kms] = await Promise.all([startDynamo({ port: 0 }), startBenchKms()]);
const proxies: Record<ServiceName, FaultProxy> = {
  dynamodb: await startFaultProxy("dynamodb", dynamo.endpoint),
  kms: await startFaultProxy("kms", kms.url),
  ses: await startFaultProxy("ses"),
  events: await startFaultProxy("events"),
  cognito: await startFaultProxy("cognito"),
  sampleCognito: await startFaultProxy("cognito"),
};

/** Calls per service so far, by operation: the bench takes differences around a batch. */
function counts(): Record<ServiceName, Record<string, number>> {
  const all = {} as Record<ServiceName, Record<string, number>>;
  for (const [name, proxy] of Object.entries(proxies) as [ServiceName, FaultProxy][]) {
    const counted: Record<string, number> = {};
    for (const { operation } of proxy.calls) counted[operation] = (counted[operation] ?? 0) + 1;
    all[name] = counted;
  }
  return all;
}

parentPort?.on("message", async (request: ServiceRequest) => {
  if (request.op === "forward") proxies[request.name].forwardTo(request.url);
  if (request.op === "counts") return parentPort?.postMessage({ id: request.id, result: counts() });
  if (request.op === "close") {
    await Promise.all([...Object.values(proxies).map((proxy) => proxy.close()), dynamo.close(), kms.close()]);
  }
  parentPort?.postMessage({ id: request.id });
});
parentPort?.postMessage({
  urls: {
    dynalite: dynamo.endpoint,
    ...Object.fromEntries(Object.entries(proxies).map(([name, proxy]) => [name, proxy.url])),
  } as Record<ServiceName | "dynalite", string>,
});
