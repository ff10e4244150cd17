import { type IncomingHttpHeaders, request } from "node:http";

export interface RawRequest {
  method: string;
  /** Sent as it is: percent-encoding, dot segments and all. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks (Transfer-Encoding: chunked) instead of with a Content-Length. */
  chunked?: boolean;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const TIMEOUT_MS = 10_000;

/**
 * HTTP/1.1 as a hostile client speaks it: node:http, not fetch, because fetch normalises paths and
 * headers that the fuzzer wants to arrive unchanged. Each request has a connection of its own, so no
 * case inherits what an earlier one left on a socket. A request that hangs past the timeout fails; an
 * answer that came before the connection broke (the server may close it on an oversized body) counts.
 */
export function rawClient(baseUrl: string) {
  const { hostname, port } = new URL(baseUrl);
  return (input: RawRequest) =>
    new Promise<RawResponse>((resolve, reject) => {
      const body = input.body === undefined ? undefined : Buffer.from(input.body);
      const headers = { ...input.headers };
      if (body && input.chunked) headers["transfer-encoding"] = "chunked";
      else if (body) headers["content-length"] = String(body.length);
      let answered: RawResponse | undefined;
      const outgoing = request(
        { agent: false, hostname, port, method: input.method, path: input.path, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            answered = {
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            };
            resolve(answered);
          });
        },
      );
      outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
      outgoing.on("error", (error) => {
        if (!answered) reject(error);
      });
      outgoing.end(body);
    });
}

export type RawSend = ReturnType<typeof rawClient>;
