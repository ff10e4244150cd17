import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The AWS services Latchkey calls, as a fault proxy stands in front of them. */
export type AwsService = "dynamodb" | "ses" | "cognito" | "kms" | "sms" | "events";

/**
 * What a dependency does to one call:
 * - refuses: a refusal no retry mends (IAM denies the call; SES rejects the message)
 * - conflicts: DynamoDB's ConditionalCheckFailedException, as when another request wrote first
 * - errors: the service's own 500
 * - throttles: the service's throttling error, with the 400 AWS sends it with
 * - hangs: the request is taken and never answered
 * - loses-answer: the request reaches the service and is done, then the connection drops unanswered
 * - fails-entries: EventBridge's PutEvents answers 200 but refuses every entry, as it does per entry
 */
export type Fault = "refuses" | "conflicts" | "errors" | "throttles" | "hangs" | "loses-answer" | "fails-entries";

/** The AWS account and role the refusals name, as real ones name the caller's: text that must reach nobody. */
export const FAULT_ACCOUNT = "111122223333";
const role = `arn:aws:sts::${FAULT_ACCOUNT}:assumed-role/latchkey-fault-role/latchkey-fault-function`;

interface ErrorAnswer {
  status: number;
  type: string;
  message: string;
}

const denied = (action: string, resource: string): ErrorAnswer => ({
  status: 400,
  type: "AccessDeniedException",
  message: `User: ${role} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
});

/**
 * Each service's errors as it sends them (type, status, wording from the service's documentation), per
 * fault and, where the operation changes the answer, per operation.
 */
function errorAnswer(service: AwsService, fault: Fault, operation: string): ErrorAnswer | undefined {
  switch (`${service} ${fault}`) {
    case "dynamodb refuses":
      return denied(`dynamodb:${operation}`, `arn:aws:dynamodb:us-east-1:${FAULT_ACCOUNT}:table/latchkey`);
    case "dynamodb conflicts":
      return { status: 400, type: "ConditionalCheckFailedException", message: "The conditional request failed" };
    case "dynamodb errors":
      return { status: 500, type: "InternalServerError", message: "Internal server error" };
    case "dynamodb throttles":
      return {
        status: 400,
        type: "ProvisionedThroughputExceededException",
        message:
          "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.",
      };
    case "cognito refuses":
      // GetUser is authorized by the access token itself: what it refuses is the token.
      return operation === "GetUser"
        ? { status: 400, type: "NotAuthorizedException", message: "Access Token has been revoked" }
        : denied(
            `cognito-idp:${operation}`,
            `arn:aws:cognito-idp:us-east-1:${FAULT_ACCOUNT}:userpool/us-east-1_Latchkey1`,
          );
    case "cognito errors":
      return { status: 500, type: "InternalErrorException", message: "Internal server error." };
    case "cognito throttles":
      return { status: 400, type: "TooManyRequestsException", message: "Too many requests" };
    case "ses refuses":
      return {
        status: 400,
        type: "MessageRejected",
        message: `Email address is not verified. The following identities failed the check in region US-EAST-1: arn:aws:ses:us-east-1:${FAULT_ACCOUNT}:identity/no-reply@latchkey.local`,
      };
    case "ses errors":
      return {
        status: 500,
        type: "InternalFailure",
        message: "The request processing has failed because of an unknown error.",
      };
    case "ses throttles":
      return { status: 400, type: "ThrottlingException", message: "Maximum sending rate exceeded." };
    case "kms refuses":
      return denied(
        `kms:${operation}`,
        `arn:aws:kms:us-east-1:${FAULT_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      );
    case "kms errors":
      return { status: 500, type: "KMSInternalException", message: "An internal error occurred." };
    case "kms throttles":
      return {
        status: 400,
        type: "ThrottlingException",
        message: "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.",
      };
    case "sms refuses":
      return denied("sms-voice:SendTextMessage", `arn:aws:sms-voice:us-east-1:${FAULT_ACCOUNT}:pool/pool-latchkey`);
    case "sms errors":
      return { status: 500, type: "InternalServerException", message: "Internal server error." };
    case "sms throttles":
      return { status: 400, type: "ThrottlingException", message: "Rate exceeded." };
    case "events refuses":
      return denied("events:PutEvents", `arn:aws:events:us-east-1:${FAULT_ACCOUNT}:event-bus/default`);
    case "events errors":
      return { status: 500, type: "InternalException", message: "Internal service error." };
    case "events throttles":
      return { status: 400, type: "ThrottlingException", message: "Rate exceeded" };
    default:
      return undefined;
  }
}

/** The JSON protocols' content types; SES v2 speaks REST JSON and names the error in a header. */
const jsonProtocol: Record<Exclude<AwsService, "ses">, { contentType: string; typePrefix: string }> = {
  dynamodb: { contentType: "application/x-amz-json-1.0", typePrefix: "com.amazonaws.dynamodb.v20120810#" },
  cognito: { contentType: "application/x-amz-json-1.1", typePrefix: "" },
  kms: { contentType: "application/x-amz-json-1.1", typePrefix: "" },
  sms: { contentType: "application/x-amz-json-1.0", typePrefix: "" },
  events: { contentType: "application/x-amz-json-1.1", typePrefix: "" },
};

/** Answers the request with the service's error for `fault`, in the service's protocol. */
export function sendErrorAnswer(service: AwsService, fault: Fault, operation: string, res: ServerResponse): void {
  const answer = errorAnswer(service, fault, operation);
  if (!answer) throw new Error(`${service} has no ${fault} answer`);
  const requestId = randomUUID();
  if (service === "ses") {
    res.writeHead(answer.status, {
      "content-type": "application/json",
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": answer.type,
    });
    res.end(JSON.stringify({ message: answer.message }));
    return;
  }
  const { contentType, typePrefix } = jsonProtocol[service];
  res.writeHead(answer.status, { "content-type": contentType, "x-amzn-requestid": requestId });
  res.end(JSON.stringify({ __type: `${typePrefix}${answer.type}`, message: answer.message }));
}

/**
 * The operation a request calls: the JSON protocols name it in X-Amz-Target ("DynamoDB_20120810.GetItem"),
 * SES v2 in its path.
 */
export function operationOf(req: IncomingMessage): string {
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") return target.slice(target.lastIndexOf(".") + 1);
  const path = new URL(req.url ?? "/", "http://proxy").pathname;
  if (req.method === "POST" && path === "/v2/email/outbound-emails") return "SendEmail";
  return `${req.method} ${path}`;
}

/**
 * PutEvents' answer when it takes the call but not the entries (an entry's own failure, which the
 * service reports in Entries with a 200): each entry refused with InternalFailure.
 */
export function sendEntryFailures(body: string, res: ServerResponse): void {
  const entries = (JSON.parse(body || "{}") as { Entries?: unknown[] }).Entries ?? [];
  res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": randomUUID() });
  res.end(
    JSON.stringify({
      FailedEntryCount: entries.length,
      Entries: entries.map(() => ({ ErrorCode: "InternalFailure", ErrorMessage: "Internal service error." })),
    }),
  );
}
