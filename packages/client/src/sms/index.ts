export { requestSmsCode } from "./request-sms-code.ts";
export { signInWithSmsCode } from "./sign-in-with-sms-code.ts";
