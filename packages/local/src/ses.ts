import { type AddressInfo, createServer } from "node:net";
import sesModule from "aws-ses-v2-local";

// A CommonJS module with __esModule: Node hands ESM importers the exports object, bundlers the function.
const sesServer: typeof sesModule =
  typeof sesModule === "function" ? sesModule : (sesModule as unknown as { default: typeof sesModule }).default;

export interface LocalSes {
  /** The SES v2 API endpoint, and the web inbox at its root. */
  url: string;
  close(): Promise<void>;
}

/** aws-ses-v2-local, bound to IPv4 loopback explicitly (its default is every interface). */
export async function startSes(options: { port: number }): Promise<LocalSes> {
  const server = await sesServer({ host: "127.0.0.1", port: options.port });
  // It answers with a server that failed to listen just as with one that did, and drops the error.
  if (!server.listening) throw await listenError(options.port);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Why the port cannot be listened on (taken, say), found by trying it. */
function listenError(port: number): Promise<Error> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once("error", resolve);
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(new Error(`could not listen on port ${port}`))));
  });
}
