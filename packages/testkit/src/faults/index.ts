export * from "./start-hanging-server.ts";
