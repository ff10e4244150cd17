import { dynamodbUsd, LAMBDA_MEMORY_GB, PRICES } from "./price-list.ts";

/** What one flow made, as a bench counted it. */
export interface CountedFlow {
  /** DynamoDB calls by operation; a count alone (no operation known) is priced as writes. */
  dynamodb: Record<string, number> | number;
  /** KMS requests, and whether the key is RSA 2048 (the sample's) rather than ECC (ours). */
  kms: number;
  kmsRsa2048: boolean;
  ses: number;
  events: number;
  apiRequests: number;
  /** CPU the handlers spent, as the stand-in for the Lambdas' billed duration. */
  handlerCpuMs: number;
}

/**
 * A flow's cost per million at list prices (PRICES), from what a bench counted: DynamoDB by read and
 * write request unit, KMS at the key's rate, SES, EventBridge and API Gateway per call, Lambda per
 * GB-second of the handlers' CPU time (invocations themselves left out, their count unknown for the
 * sample's). Cognito, billed per active user, is left out.
 */
export function priceCalls(flow: CountedFlow): number {
  const byOperation = typeof flow.dynamodb === "number" ? { Write: flow.dynamodb } : flow.dynamodb;
  const usd =
    dynamodbUsd(byOperation) +
    flow.kms * (flow.kmsRsa2048 ? PRICES.kmsRequest : PRICES.kmsAsymmetricRequest) +
    flow.ses * PRICES.sesEmail +
    flow.events * PRICES.eventBridgeEvent +
    flow.apiRequests * PRICES.apiGatewayRequest +
    (flow.handlerCpuMs / 1000) * LAMBDA_MEMORY_GB * PRICES.lambdaArmGbSecond;
  return Math.round(usd * 1e6 * 100) / 100;
}
