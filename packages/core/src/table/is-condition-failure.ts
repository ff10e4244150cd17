/**
 * True when DynamoDB refused a write because its ConditionExpression did not hold. Told by the error's
 * name rather than `instanceof`, so it holds for any copy of the SDK and needs none of its code.
 */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}
