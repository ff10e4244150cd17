import type { LatchkeyConfig } from "../config.ts";

/**
 * What every AWS SDK client of ours is built with: the region, two attempts at most, and the config's
 * connection and request timeouts on the SDK's Node HTTP handler. Without them the SDK waits minutes
 * for a service that accepted the connection and never answers; `throwOnRequestTimeout` makes the
 * request timeout fail the attempt rather than only warn.
 */
export function sdkClientConfig(config: Pick<LatchkeyConfig, "region" | "aws">) {
  return {
    region: config.region,
    maxAttempts: 2,
    requestHandler: {
      connectionTimeout: config.aws.connectionTimeoutMs,
      requestTimeout: config.aws.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
}
