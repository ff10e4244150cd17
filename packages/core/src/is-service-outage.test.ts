import {
  ConditionalCheckFailedException,
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
} from "@aws-sdk/client-dynamodb";
import { TooManyRequestsException } from "@aws-sdk/client-sesv2";
import { describe, expect, it } from "vitest";
import { isServiceOutage } from "./is-service-outage.ts";

const $metadata = { httpStatusCode: 400 };
const unmodeled = (name: string, $fault: "client" | "server") =>
  new DynamoDBServiceException({ name, $fault, $metadata, message: name });

describe("isServiceOutage", () => {
  it("is true for what a retry may mend: a server fault, no answer, and throttling by any of its names", () => {
    for (const error of [
      new InternalServerError({ $metadata: { httpStatusCode: 500 }, message: "Internal server error" }),
      Object.assign(new Error("socket hang up"), { name: "TimeoutError", $metadata: {} }),
      new ThrottlingException({ $metadata, message: "Rate of requests exceeds the allowed throughput." }),
      // AWS sends these as the client's fault, and the SDK retries them as throttling.
      new ProvisionedThroughputExceededException({
        $metadata,
        message: "The level of configured provisioned throughput",
      }),
      new RequestLimitExceeded({ $metadata, message: "Throughput exceeds the current throughput limit" }),
      new TooManyRequestsException({ $metadata: { httpStatusCode: 429 }, message: "Too many requests" }),
    ]) {
      expect(isServiceOutage(error), error.name).toBe(true);
    }
  });

  it("is false for a refusal no retry mends, and for anything that is not an AWS call's failure", () => {
    for (const error of [
      unmodeled("AccessDeniedException", "client"),
      new ResourceNotFoundException({ $metadata, message: "Requested resource not found" }),
      new ConditionalCheckFailedException({ $metadata, message: "The conditional request failed" }),
      new Error("a bug"),
    ]) {
      expect(isServiceOutage(error), error.name).toBe(false);
    }
  });
});
