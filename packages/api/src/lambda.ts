import { lambdaHandler } from "./lambda-handler.ts";

// Built once per cold start and reused by every invocation.
export const handler = lambdaHandler();
