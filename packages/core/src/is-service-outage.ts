/**
 * A call to AWS (DynamoDB, Cognito, SES, KMS) that may well succeed if tried again: the service failed,
 * throttled, timed out or could not be reached. The SDK marks its errors with `$metadata` and blames the
 * caller with `$fault: "client"`; a client fault other than throttling is a bug or a misconfiguration.
 */
export function isServiceOutage(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return false;
  const { $fault, $retryable, name } = error as { $fault?: string; $retryable?: unknown; name?: string };
  return $fault !== "client" || $retryable !== undefined || /Throttl|TooManyRequests/.test(name ?? "");
}
