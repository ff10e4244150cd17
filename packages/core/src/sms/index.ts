export * from "./count-sms-request.ts";
export * from "./destination-policy.ts";
export * from "./new-sms-code.ts";
export * from "./parse-phone-number.ts";
export * from "./sms-code-text.ts";
export * from "./sms-hashes.ts";
export * from "./store/consume-sms-code.ts";
export * from "./store/put-sms-code.ts";
