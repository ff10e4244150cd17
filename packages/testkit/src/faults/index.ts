/** Dependencies that fail: a hanging server, a fault-injecting proxy in front of an AWS service, a fake KMS. */
export * from "./aws-fault-answers.ts";
export * from "./aws-json-exchange.ts";
export * from "./start-fake-kms.ts";
export * from "./start-fault-proxy.ts";
export * from "./start-hanging-server.ts";
