/**
 * List prices in US East (N. Virginia), on demand, in USD, as the services' pricing pages give them
 * (checked December 2026), past any free tier. Cognito is left out: it bills per monthly active user,
 * whatever the sign-ins cost, and so it is the same for every method and every implementation here.
 */
export const PRICES = {
  /** HTTP API, per request (the first 300 million a month). */
  apiGatewayRequest: 1.0 / 1e6,
  /** Lambda, per invocation. */
  lambdaRequest: 0.2 / 1e6,
  /** Lambda on arm64 (the construct's functions), per GB-second of billed duration (1 ms granularity). */
  lambdaArmGbSecond: 0.0000133334,
  /** DynamoDB on demand, per read request unit (a strongly consistent read of up to 4 KB). */
  dynamodbRead: 0.125 / 1e6,
  /** DynamoDB on demand, per write request unit (up to 1 KB; a failed condition bills one too). */
  dynamodbWrite: 0.625 / 1e6,
  /** KMS, per request on an asymmetric key other than RSA 2048 (the construct's ECC_NIST_P256 key). */
  kmsAsymmetricRequest: 0.15 / 1e4,
  /** KMS, per request on a symmetric or an RSA 2048 key. */
  kmsRequest: 0.03 / 1e4,
  /** SES, per email sent. */
  sesEmail: 0.1 / 1e3,
  /** EventBridge, per custom event put (up to 64 KB). */
  eventBridgeEvent: 1.0 / 1e6,
  /** CloudWatch Logs, per byte ingested (standard class). */
  logsIngestedByte: 0.5 / 2 ** 30,
} as const;

/** The construct's functions' memory (packages/cdk/src/latchkey.ts). */
export const LAMBDA_MEMORY_GB = 1;

/** DynamoDB operations that read; every other operation the code sends writes. */
const DYNAMODB_READS = new Set(["GetItem", "Query", "BatchGetItem", "Scan"]);

/** DynamoDB calls by operation, in USD: a read unit per read, a write unit per write (items under 1 KB). */
export function dynamodbUsd(byOperation: Record<string, number>): number {
  let usd = 0;
  for (const [operation, count] of Object.entries(byOperation)) {
    usd += count * (DYNAMODB_READS.has(operation) ? PRICES.dynamodbRead : PRICES.dynamodbWrite);
  }
  return usd;
}
