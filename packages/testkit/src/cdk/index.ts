/** The CDK construct synthesized in a throwaway app, and queries over its template and bundles. */
export * from "./bundle-sources.ts";
export * from "./synth-latchkey.ts";
export * from "./template-queries.ts";
