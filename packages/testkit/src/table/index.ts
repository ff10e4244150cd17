/** The project's table in an in-process dynalite, and counting (or holding) of the calls an SDK client makes. */
export * from "./count-calls.ts";
export * from "./hold-commands.ts";
export * from "./start-test-table.ts";
