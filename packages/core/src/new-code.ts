import { randomInt } from "node:crypto";

/**
 * Six digits for an email or a text, each of the 1,000,000 equally likely: a cryptographic draw over the whole range, padded,
 * never built digit by digit from a range that misses one (randomInt's upper bound is exclusive).
 */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}
