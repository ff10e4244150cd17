import { dynamodbUsd, LAMBDA_MEMORY_GB, PRICES } from "./price-list.ts";
import { apiRequestsOf, billedMsOf, callsOf, type SignInProfile, sum } from "./sign-in-profile.ts";

/** What a million sign-ins cost, by service, in USD. */
export type CostPerMillion = Record<
  "apiGateway" | "lambda" | "dynamodb" | "kms" | "ses" | "eventBridge" | "logs" | "total",
  number
>;

/**
 * Prices a sign-in's measured profile at list prices (PRICES), times a million. Each api request is an
 * API Gateway request and an api invocation, each trigger an invocation, billed at its duration rounded
 * up to the millisecond; each DynamoDB read one read unit and each write one write unit (every item
 * here is under 1 KB). KMS is priced at the construct's key.
 */
export function priceSignIn(profile: SignInProfile): CostPerMillion {
  const gbSeconds = (billedMsOf(profile) / 1000) * LAMBDA_MEMORY_GB;
  const cost = {
    apiGateway: apiRequestsOf(profile) * PRICES.apiGatewayRequest,
    lambda: profile.invocations.length * PRICES.lambdaRequest + gbSeconds * PRICES.lambdaArmGbSecond,
    dynamodb: dynamodbUsd(callsOf(profile, "DynamoDB")),
    kms: sum(callsOf(profile, "KMS")) * PRICES.kmsAsymmetricRequest,
    ses: (callsOf(profile, "SES").SendEmail ?? 0) * PRICES.sesEmail,
    eventBridge: sum(callsOf(profile, "EventBridge")) * PRICES.eventBridgeEvent,
    logs: profile.logBytes * PRICES.logsIngestedByte,
  };
  const perMillion = Object.fromEntries(Object.entries(cost).map(([service, usd]) => [service, usd * 1e6]));
  return { ...perMillion, total: Object.values(perMillion).reduce((a, b) => a + b, 0) } as CostPerMillion;
}
