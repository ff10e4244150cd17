/**
 * The local stack's rate limits, raised: the fuzzer sends thousands of requests an hour from one
 * address, and a 429 to each would leave the paths behind the limits unexplored.
 */
export const FUZZ_LIMITS: Record<string, string> = {
  LATCHKEY_LINK_MAX_PER_IP_HOURLY: "1000000",
  LATCHKEY_LINK_MAX_PER_ADDRESS_HOURLY: "1000",
  LATCHKEY_SMS_MAX_PER_IP_HOURLY: "1000000",
  LATCHKEY_SMS_MAX_HOURLY: "5000",
};
