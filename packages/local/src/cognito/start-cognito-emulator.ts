import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestHandler } from "./http/handle-request.ts";
import { createPoolContext } from "./pool-context.ts";
import { createSigningKey } from "./tokens/signing-key.ts";
import type { CognitoEmulator, CognitoEmulatorOptions } from "./types.ts";

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** A URL clients can reach: a wildcard bind is reached over loopback. */
function baseUrl({ address, family, port }: AddressInfo): string {
  if (address === "0.0.0.0" || address === "::") return `http://127.0.0.1:${port}`;
  return family === "IPv6" ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // SDK clients keep connections alive; without this, close would wait for them to time out.
    server.closeAllConnections();
  });
}

/** Starts an in-memory Cognito user pool that speaks the service's JSON protocol over HTTP. */
export async function startCognitoEmulator(options: CognitoEmulatorOptions): Promise<CognitoEmulator> {
  if (options.clientIds.length === 0) throw new Error("startCognitoEmulator: clientIds must not be empty");
  const signingKey = await createSigningKey();
  const server = createServer();
  const url = baseUrl(await listen(server, options.port ?? 0, options.host ?? "127.0.0.1"));
  const issuer = `${url}/${options.userPoolId}`;
  server.on("request", createRequestHandler(createPoolContext(options, issuer, signingKey)));
  return { url, issuer, jwksUri: `${issuer}/.well-known/jwks.json`, close: () => close(server) };
}
