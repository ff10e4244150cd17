import { fork } from "node:child_process";
import type { HandlerName } from "./bundle-handlers.ts";
import type { Operations } from "./serve-stacks.ts";

const CALL_TIMEOUT_MS = 60_000;

type Result<K extends keyof Operations> = Awaited<ReturnType<Operations[K]>>;

/**
 * Starts serve-stacks.ts, running the sample's handler bundles, in a fresh Node process (its stdout, where the handlers log, discarded) and
 * returns a typed caller for its operations.
 */
export async function forkServers(bundles: Record<HandlerName, string>) {
  const child = fork(new URL("./serve-stacks.ts", import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    env: { ...process.env, NODE_NO_WARNINGS: "1", BENCH_BUNDLES: JSON.stringify(bundles) },
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let ids = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the servers exited with ${code}`)));
    child.on("message", (message: { ready?: true; id?: number; result?: unknown; error?: string }) => {
      if (message.ready) return resolve();
      const waiting = pending.get(message.id ?? -1);
      pending.delete(message.id ?? -1);
      if (message.error) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    });
  });
  await ready;
  // A bench that fails must not leave its servers running, nor wait on them: its IPC channel would.
  process.on("exit", () => child.kill());
  return {
    call<K extends keyof Operations>(op: K, ...args: Parameters<Operations[K]>): Promise<Result<K>> {
      const id = ++ids;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the servers did not answer ${op}`)), CALL_TIMEOUT_MS);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as Result<K>);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send({ id, op, args });
      });
    },
  };
}

export type Servers = Awaited<ReturnType<typeof forkServers>>;
