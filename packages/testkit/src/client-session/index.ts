/** For the client's session tests in Node: browser tabs (storage events, shared storage) and refresh probes. */
export * from "./browser-tabs.ts";
export * from "./refresh-probes.ts";
