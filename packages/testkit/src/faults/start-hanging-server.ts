import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";

/**
 * A TCP server on loopback that accepts every connection and never answers: a hung dependency
 * (DynamoDB, SES, Cognito, KMS) as an SDK client meets it. `connections` counts what it swallowed.
 */
export async function startHangingServer() {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
