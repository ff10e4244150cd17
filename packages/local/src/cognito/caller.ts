import type { IncomingHttpHeaders } from "node:http";

/** What a request tells about its sender that Cognito passes on or checks. */
export interface CallerInfo {
  /** callerContext.awsSdkVersion of trigger events, e.g. "aws-sdk-js-3.1169.0". */
  awsSdkVersion: string;
  /** Whether the request carries a SigV4 Authorization header (admin operations need one). */
  signed: boolean;
}

const header = (headers: IncomingHttpHeaders, name: string): string => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

/**
 * Cognito derives awsSdkVersion from the SDK's user agent and reports "aws-sdk-unknown-unknown"
 * for callers it doesn't recognise, such as a plain fetch from a browser.
 */
export function callerInfo(headers: IncomingHttpHeaders): CallerInfo {
  const agent = `${header(headers, "x-amz-user-agent")} ${header(headers, "user-agent")}`;
  const sdk = /aws-sdk-([a-z]+)\/(\S+)/i.exec(agent);
  return {
    awsSdkVersion: sdk ? `aws-sdk-${sdk[1]}-${sdk[2]}` : "aws-sdk-unknown-unknown",
    signed: header(headers, "authorization").startsWith("AWS4-HMAC-SHA256 Credential="),
  };
}
