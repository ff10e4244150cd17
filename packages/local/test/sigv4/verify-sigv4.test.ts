import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { Sha256 } from "../../src/sigv4/sha256.ts";
import { signableRequest } from "../../src/sigv4/signed-request.ts";
import { type KnownCredential, verifySigV4 } from "../../src/sigv4/verify-sigv4.ts";

const KNOWN: KnownCredential = {
  accessKeyId: "AKIDSUPPORT",
  secretAccessKey: "support-secret",
  userArn: "arn:aws:iam::111111111111:user/support",
  accountId: "111111111111",
};
const TEMPORARY: KnownCredential = {
  accessKeyId: "ASIATEMP",
  secretAccessKey: "temp-secret",
  sessionToken: "session-token",
  userArn: "arn:aws:sts::111111111111:assumed-role/Support/jane",
  accountId: "111111111111",
};
const NOW = Date.UTC(2030, 0, 2, 3, 4, 5);
const options = { region: "eu-west-1", service: "execute-api", credentials: [KNOWN, TEMPORARY], nowMs: NOW };

interface Signing {
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region?: string;
  service?: string;
  at?: number;
  unsignable?: string[];
}

/** A request as a client signs it with the SDK's signer, then as the server receives it. */
async function signed(method: string, url: string, body = "", signing: Signing = {}) {
  const target = new URL(url);
  const signer = new SignatureV4({
    credentials: signing.credentials ?? KNOWN,
    region: signing.region ?? "eu-west-1",
    service: signing.service ?? "execute-api",
    sha256: Sha256,
  });
  const bytes = new TextEncoder().encode(body);
  const request = await signer.sign(signableRequest(target, method, { host: target.host }, bytes), {
    signingDate: new Date(signing.at ?? NOW),
    ...(signing.unsignable && { unsignableHeaders: new Set(signing.unsignable) }),
  });
  return { method, url: target, headers: new Headers(request.headers as Record<string, string>), body: bytes };
}

const verify = (request: Awaited<ReturnType<typeof signed>>, overrides: Partial<typeof options> = {}) =>
  verifySigV4(request, { ...options, ...overrides });
const MISMATCH = {
  ok: false,
  type: "InvalidSignatureException",
  message: expect.stringMatching(/^The request signature we calculated does not match the signature you provided/),
};
const URL_ = "https://abc123.execute-api.eu-west-1.amazonaws.com/admin/users/u-1/passkeys";

describe("verifySigV4", () => {
  it("accepts what the SDK's signer signs with a known key, and names its principal", async () => {
    for (const request of [
      await signed("GET", URL_),
      await signed("DELETE", `${URL_}/AbC-_9`),
      await signed("GET", "http://127.0.0.1:3002/admin/users?email=a%2Bb%40example.com"),
      await signed("POST", "http://127.0.0.1:3002/admin/users/u%20x/sign-out", '{"any":"body"}'),
    ]) {
      expect(await verify(request)).toEqual({
        ok: true,
        caller: { accessKey: KNOWN.accessKeyId, accountId: KNOWN.accountId, userArn: KNOWN.userArn },
      });
    }
    expect(await verify(await signed("GET", URL_, "", { credentials: TEMPORARY }))).toMatchObject({
      ok: true,
      caller: { userArn: TEMPORARY.userArn },
    });
  });

  it("refuses a request with no signature as API Gateway does: Forbidden", async () => {
    const request = await signed("GET", URL_);
    request.headers.delete("authorization");
    expect(await verify(request)).toEqual({ ok: false, type: "ForbiddenException", message: "Forbidden" });
  });

  it("refuses an Authorization header that is not a SigV4 signature", async () => {
    for (const header of [
      "Bearer a.b.c",
      "AWS4-HMAC-SHA256 Credential=AKIDSUPPORT/20300102/eu-west-1/execute-api/aws4_request",
      "AWS4-HMAC-SHA256 Credential=AKIDSUPPORT/20300102/eu-west-1/execute-api/aws4_request, SignedHeaders=host, Signature=xyz",
    ]) {
      const request = await signed("GET", URL_);
      request.headers.set("authorization", header);
      expect(await verify(request)).toMatchObject({ ok: false, type: "IncompleteSignatureException" });
    }
  });

  it("refuses a signature made with the wrong secret", async () => {
    const request = await signed("GET", URL_, "", { credentials: { ...KNOWN, secretAccessKey: "guessed" } });
    expect(await verify(request)).toEqual(MISMATCH);
  });

  it("refuses a request changed after it was signed: path, query, method, body, a signed header", async () => {
    const path = await signed("DELETE", `${URL_}/AAAA`);
    expect(await verify({ ...path, url: new URL(`${URL_}/BBBB`) })).toEqual(MISMATCH);
    const query = await signed("GET", "http://127.0.0.1:3002/admin/users?email=a%40example.com");
    expect(await verify({ ...query, url: new URL("http://127.0.0.1:3002/admin/users?email=b%40example.com") })).toEqual(
      MISMATCH,
    );
    const method = await signed("GET", URL_);
    expect(await verify({ ...method, method: "DELETE" })).toEqual(MISMATCH);
    const body = await signed("POST", URL_, "one");
    expect(await verify({ ...body, body: new TextEncoder().encode("two") })).toEqual(MISMATCH);
    // With its claimed hash replaced to match, the signature still covers the original one.
    const rehashed = await signed("POST", URL_, "one");
    rehashed.headers.set("x-amz-content-sha256", "3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3");
    expect(await verify({ ...rehashed, body: new TextEncoder().encode("two") })).toEqual(MISMATCH);
    const host = await signed("GET", URL_);
    host.headers.set("host", "other.execute-api.eu-west-1.amazonaws.com");
    expect(await verify(host)).toEqual(MISMATCH);
  });

  it("refuses a signature older or newer than five minutes, or without its date", async () => {
    const old = await signed("GET", URL_, "", { at: NOW - 5 * 60_000 - 1000 });
    expect(await verify(old)).toEqual({
      ok: false,
      type: "InvalidSignatureException",
      message: "Signature expired: 20300102T025904Z is now earlier than 20300102T025905Z (20300102T030405Z - 5 min.)",
    });
    const early = await signed("GET", URL_, "", { at: NOW + 5 * 60_000 + 1000 });
    expect(await verify(early)).toEqual({
      ok: false,
      type: "InvalidSignatureException",
      message:
        "Signature not yet current: 20300102T030906Z is still later than 20300102T030905Z (20300102T030405Z + 5 min.)",
    });
    for (const at of [NOW - 4 * 60_000, NOW + 4 * 60_000]) {
      expect(await verify(await signed("GET", URL_, "", { at }))).toMatchObject({ ok: true });
    }
    const undated = await signed("GET", URL_);
    undated.headers.delete("x-amz-date");
    expect(await verify(undated)).toMatchObject({ ok: false, type: "IncompleteSignatureException" });
    const redated = await signed("GET", URL_);
    redated.headers.set("x-amz-date", "20300102T030400Z");
    expect(await verify(redated)).toEqual(MISMATCH);
  });

  it("refuses an unknown access key, and a temporary key without its session token", async () => {
    const invalid = {
      ok: false,
      type: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    };
    const stranger = { accessKeyId: "AKIDSTRANGER", secretAccessKey: "their-secret" };
    expect(await verify(await signed("GET", URL_, "", { credentials: stranger }))).toEqual(invalid);
    const withoutToken = await signed("GET", URL_, "", { credentials: TEMPORARY });
    withoutToken.headers.delete("x-amz-security-token");
    expect(await verify(withoutToken)).toEqual(invalid);
    const otherToken = await signed("GET", URL_, "", { credentials: { ...TEMPORARY, sessionToken: "another" } });
    expect(await verify(otherToken)).toEqual(invalid);
    // A session token on a key that has none is not that key's either.
    expect(await verify(await signed("GET", URL_, "", { credentials: { ...KNOWN, sessionToken: "x" } }))).toEqual(
      invalid,
    );
  });

  it("refuses a credential scoped to another region or service", async () => {
    expect(await verify(await signed("GET", URL_, "", { region: "us-east-1" }))).toMatchObject({
      ok: false,
      message: "Credential should be scoped to a valid region, not 'us-east-1'.",
    });
    expect(await verify(await signed("GET", URL_, "", { service: "cognito-idp" }))).toMatchObject({
      ok: false,
      message: "Credential should be scoped to correct service: 'execute-api'.",
    });
  });

  it("refuses a signature that leaves out the host, or names a header the request lacks", async () => {
    const hostless = await signed("GET", URL_, "", { unsignable: ["host"] });
    expect(await verify(hostless)).toMatchObject({
      ok: false,
      message: "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    });
    const missing = await signed("GET", URL_);
    missing.headers.delete("x-amz-content-sha256");
    expect(await verify(missing)).toEqual(MISMATCH);
  });
});
