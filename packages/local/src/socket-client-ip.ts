import { getConnInfo } from "@hono/node-server/conninfo";
import type { ClientIp } from "@latchkey/api";

/** The peer of the request's socket: the local stack serves the api with @hono/node-server, behind no gateway. */
export const socketClientIp: ClientIp = (c) => getConnInfo(c).remote.address;
