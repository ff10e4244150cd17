import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { dayAttribute, slotAttributes } from "./link-record.ts";

/**
 * Whose allowance a code attempt draws on: the tries the asking browser has on its own email, which
 * only the holder of its verifier can use, or the account's daily budget, which everyone else shares.
 */
export type CodeCharge = { slot: number; requesterHash: string } | "daily";

export interface CodeLimits {
  maxTries: number;
  maxFailedPerDay: number;
}

/** The condition that the allowance is not used up, and its names and values. */
export function chargeCondition(
  charge: CodeCharge,
  limits: CodeLimits,
  nowSeconds: number,
): { condition: string; names: Record<string, string>; values: Record<string, AttributeValue> } {
  if (charge === "daily") {
    return {
      condition: "(attribute_not_exists(#failed) OR #failed < :maxFailed)",
      names: { "#failed": dayAttribute(nowSeconds) },
      values: { ":maxFailed": { N: String(limits.maxFailedPerDay) } },
    };
  }
  const { requester, tries } = slotAttributes(charge.slot);
  return {
    condition: `${requester} = :requester AND ${tries} < :maxTries`,
    names: {},
    values: { ":requester": { S: charge.requesterHash }, ":maxTries": { N: String(limits.maxTries) } },
  };
}
