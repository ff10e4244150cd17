import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type AwsService, type Fault, operationOf, sendEntryFailures, sendErrorAnswer } from "./aws-fault-answers.ts";

/** Which calls a fault hits. */
export interface FaultRule {
  /** The operation, as the service names it: "UpdateItem", "AdminGetUser", "SendEmail", "Sign". */
  operation: string;
  /** Text the request body must all hold (a username, an address, a key), so a fault hits one user's calls. */
  mentions?: string[];
  fault: Fault;
  /** How many calls it hits; every one while it is injected when unset. */
  times?: number;
}

/** A call as the proxy saw it. */
export interface ProxiedCall {
  operation: string;
  body: string;
  /** The fault it met, if any. */
  fault: Fault | undefined;
}

export interface InjectedFault {
  /** The calls this fault hit so far. */
  readonly hits: readonly ProxiedCall[];
  /** Takes the fault away; calls it hangs stay hung until their clients give up. */
  lift(): void;
}

interface Injection {
  rule: FaultRule;
  hits: ProxiedCall[];
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

/** Sends the call on to the service and resolves with its whole answer. */
function forward(upstream: string, req: IncomingMessage, body: Buffer) {
  return new Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }>((resolve, reject) => {
    const outgoing = request(new URL(req.url ?? "/", upstream), { method: req.method, headers: req.headers });
    outgoing.on("response", async (answer) => {
      try {
        resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: await readBody(answer) });
      } catch (error) {
        reject(error);
      }
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/**
 * An HTTP proxy on loopback in front of one AWS service (dynalite, the SES or Cognito emulator, a fake
 * KMS) that passes every call through except those an injected fault hits, which it answers as the
 * service would fail: with its error, never, or after doing the work without answering. The real SDK
 * clients, with their retries and timeouts, talk to it as to the service. `down()` stops it listening
 * (connection refused) until `up()`. The service may be named after the proxy has started.
 */
export async function startFaultProxy(service: AwsService, upstream?: string) {
  let target = upstream;
  const injections: Injection[] = [];
  const calls: ProxiedCall[] = [];
  const sockets = new Set<Socket>();

  const take = (operation: string, body: string): Injection | undefined =>
    injections.find(({ rule, hits }) => {
      if (rule.operation !== operation) return false;
      if (rule.times !== undefined && hits.length >= rule.times) return false;
      return (rule.mentions ?? []).every((text) => body.includes(text));
    });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const operation = operationOf(req);
    const text = body.toString("utf8");
    const injection = take(operation, text);
    const call: ProxiedCall = { operation, body: text, fault: injection?.rule.fault };
    calls.push(call);
    injection?.hits.push(call);
    const fault = injection?.rule.fault;
    if (fault === "hangs") return;
    if (fault === "fails-entries") {
      sendEntryFailures(text, res);
      return;
    }
    if (fault && fault !== "loses-answer") {
      sendErrorAnswer(service, fault, operation, res);
      return;
    }
    if (!target) throw new Error(`the ${service} fault proxy has no service to forward to yet`);
    const answer = await forward(target, req, body);
    if (fault === "loses-answer") {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  const port = await listen(0);

  return {
    url: `http://127.0.0.1:${port}`,
    /** Every call so far, in order. */
    calls: calls as readonly ProxiedCall[],
    /** Names the service to pass calls on to. */
    forwardTo(url: string) {
      target = url;
    },
    inject(rule: FaultRule): InjectedFault {
      const injection: Injection = { rule, hits: [] };
      injections.push(injection);
      return {
        hits: injection.hits,
        lift() {
          const at = injections.indexOf(injection);
          if (at >= 0) injections.splice(at, 1);
        },
      };
    },
    /** Stops listening and drops every connection: calls are refused until `up()`. */
    down: stop,
    up: () => listen(port).then(() => undefined),
    close: stop,
  };
}

export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;
