/**
 * Throttling by the names the SDK retries it under (its retry classification, @smithy/core), though AWS
 * sends it as the client's fault: DynamoDB's ProvisionedThroughputExceededException and
 * RequestLimitExceeded among them.
 */
const THROTTLING = new Set([
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "TransactionInProgressException",
]);

/**
 * A call to AWS (DynamoDB, Cognito, SES, KMS) that may well succeed if tried again: the service failed,
 * throttled, timed out or could not be reached. The SDK marks its errors with `$metadata` and blames the
 * caller with `$fault: "client"`; a client fault other than throttling is a bug or a misconfiguration.
 */
export function isServiceOutage(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return false;
  const { $fault, $retryable, $metadata, name } = error as {
    $fault?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
    name?: string;
  };
  return (
    $fault !== "client" || $retryable !== undefined || $metadata?.httpStatusCode === 429 || THROTTLING.has(name ?? "")
  );
}
