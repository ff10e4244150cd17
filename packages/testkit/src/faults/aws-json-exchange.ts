import type { IncomingMessage, ServerResponse } from "node:http";

/** A request's JSON body (AWS JSON 1.1), `{}` when empty. */
export const readJsonBody = (req: IncomingMessage) =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
      } catch (error) {
        reject(error);
      }
    });
    req.on("error", reject);
  });

/** An answer in the AWS JSON 1.1 protocol, as the services that speak it send one. */
export function answerJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
  res.end(JSON.stringify(body));
}
