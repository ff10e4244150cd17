export type { StepUpCodeMethod, StepUpMethod } from "@latchkey/protocol";
export { requestStepUpCode } from "./request-step-up-code.ts";
export { stepUpMethods } from "./step-up-methods.ts";
export { stepUpWithCode } from "./step-up-with-code.ts";
export { stepUpWithPasskey } from "./step-up-with-passkey.ts";
