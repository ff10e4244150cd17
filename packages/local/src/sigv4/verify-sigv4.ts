import { createHash, timingSafeEqual } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "./sha256.ts";
import { signableRequest } from "./signed-request.ts";

/** An access key the verifier knows, and the principal it belongs to. */
export interface KnownCredential {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials carry one; the request must then send it as X-Amz-Security-Token. */
  sessionToken?: string;
  userArn: string;
  accountId: string;
}

export interface SigV4Options {
  region: string;
  service: string;
  credentials: readonly KnownCredential[];
  nowMs: number;
}

/** A refusal as API Gateway words it: its error type (the x-amzn-ErrorType header) and message. */
export type SigV4Verdict =
  | { ok: true; caller: { accessKey: string; accountId: string; userArn: string } }
  | { ok: false; type: string; message: string };

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** How far a signature's time may be from the clock, either way: AWS's five minutes. */
const SKEW_MS = 5 * 60_000;

const refuse = (type: string, message: string): SigV4Verdict => ({ ok: false, type, message });
const mismatch = () =>
  refuse(
    "InvalidSignatureException",
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  );
const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");

/**
 * Checks a request's SigV4 signature (the Authorization header) as API Gateway's IAM authorization
 * does: the algorithm and form, a known access key (and its session token), a credential scoped to
 * this region and service, a time within five minutes, the host among the signed headers, the body's
 * hash, and the signature itself, computed again with the key's secret by the SDK's own signer and
 * compared in constant time. Whether the principal may invoke the route (its IAM policy) is not
 * evaluated: every known key may.
 */
export async function verifySigV4(
  request: { method: string; url: URL; headers: Headers; body: Uint8Array },
  options: SigV4Options,
): Promise<SigV4Verdict> {
  const authorization = request.headers.get("authorization");
  if (!authorization) return refuse("ForbiddenException", "Forbidden");
  const parsed = AUTHORIZATION.exec(authorization);
  if (!parsed) {
    return refuse(
      "IncompleteSignatureException",
      "The Authorization header is not an AWS4-HMAC-SHA256 signature with Credential, SignedHeaders and Signature.",
    );
  }
  const [, accessKeyId, scopeDate, region, service, signedHeaderList = "", signature = ""] = parsed;
  const credential = options.credentials.find((known) => known.accessKeyId === accessKeyId);
  const token = request.headers.get("x-amz-security-token") ?? undefined;
  if (!credential || token !== credential.sessionToken) {
    return refuse("UnrecognizedClientException", "The security token included in the request is invalid.");
  }
  if (region !== options.region) {
    return refuse("InvalidSignatureException", `Credential should be scoped to a valid region, not '${region}'.`);
  }
  if (service !== options.service) {
    return refuse("InvalidSignatureException", `Credential should be scoped to correct service: '${options.service}'.`);
  }
  const date = AMZ_DATE.exec(request.headers.get("x-amz-date") ?? "");
  if (!date) {
    return refuse("IncompleteSignatureException", "Authorization header requires existence of a 'X-Amz-Date' header.");
  }
  const [, year, month, day, hour, minute, second] = date;
  const signedAt = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const { nowMs } = options;
  if (signedAt < nowMs - SKEW_MS) {
    return refuse(
      "InvalidSignatureException",
      `Signature expired: ${date[0]} is now earlier than ${amzDate(nowMs - SKEW_MS)} (${amzDate(nowMs)} - 5 min.)`,
    );
  }
  if (signedAt > nowMs + SKEW_MS) {
    return refuse(
      "InvalidSignatureException",
      `Signature not yet current: ${date[0]} is still later than ${amzDate(nowMs + SKEW_MS)} (${amzDate(nowMs)} + 5 min.)`,
    );
  }
  if (scopeDate !== date[0].slice(0, 8)) return mismatch();
  const signedHeaders = signedHeaderList.split(";");
  if (!signedHeaders.includes("host")) {
    return refuse("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const bodyHash = createHash("sha256").update(request.body).digest("hex");
  const claimedHash = request.headers.get("x-amz-content-sha256");
  if (claimedHash !== null && claimedHash !== bodyHash) return mismatch();

  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers.get(name);
    if (value === null) return mismatch();
    headers[name] = value;
  }
  const signer = new SignatureV4({
    credentials: credential,
    region: options.region,
    service: options.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const expected = await signer.sign(signableRequest(request.url, request.method, headers, request.body), {
    signingDate: new Date(signedAt),
    signableHeaders: new Set(signedHeaders),
  });
  const ours = /SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(expected.headers.authorization));
  if (ours?.[1] !== signedHeaderList || !timingSafeEqual(Buffer.from(ours[2] ?? ""), Buffer.from(signature))) {
    return mismatch();
  }
  return {
    ok: true,
    caller: { accessKey: credential.accessKeyId, accountId: credential.accountId, userArn: credential.userArn },
  };
}
