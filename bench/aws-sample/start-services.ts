import { Worker } from "node:worker_threads";
import type { ServiceName, ServiceRequest } from "./services-worker.ts";

type Request = ServiceRequest extends infer R ? (R extends ServiceRequest ? Omit<R, "id"> : never) : never;

/** Starts services-worker.ts and returns its URLs and a caller for its requests. */
export async function startServices() {
  const worker = new Worker(new URL("./services-worker.ts", import.meta.url));
  const pending = new Map<number, (result: unknown) => void>();
  let ids = 0;
  const urls = await new Promise<Record<ServiceName | "dynalite", string>>((resolve, reject) => {
    worker.once("error", reject);
    worker.on(
      "message",
      (message: { urls?: Record<ServiceName | "dynalite", string>; id?: number; result?: unknown }) => {
        if (message.urls) return resolve(message.urls);
        pending.get(message.id ?? -1)?.(message.result);
        pending.delete(message.id ?? -1);
      },
    );
  });
  const ask = <T>(request: Request) =>
    new Promise<T>((resolve) => {
      const id = ++ids;
      pending.set(id, resolve as (result: unknown) => void);
      worker.postMessage({ ...request, id });
    });
  return {
    urls,
    forward: (name: ServiceName, url: string) => ask<void>({ op: "forward", name, url }),
    counts: () => ask<Record<ServiceName, Record<string, number>>>({ op: "counts" }),
    async close() {
      await ask<void>({ op: "close" });
      await worker.terminate();
    },
  };
}
