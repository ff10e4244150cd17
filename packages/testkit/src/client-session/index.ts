/** Browser tabs for the client's session tests in Node: the window's storage events and shared storage. */
export * from "./browser-tabs.ts";
