import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "../sigv4/sha256.ts";
import { signableRequest } from "../sigv4/signed-request.ts";

export interface AdminFetchInit {
  method?: string;
  /** IAM credentials; locally the stack's (LOCAL_ADMIN_CREDENTIALS), in AWS those of a principal allowed execute-api:Invoke. */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The admin API's Region; locally the stack's. */
  region: string;
  body?: string;
  headers?: Record<string, string>;
  /** When the request is signed; now by default. */
  signingDate?: Date;
}

/**
 * fetch() for the admin API: the request signed with SigV4 for execute-api, as API Gateway's IAM
 * authorization requires, with the SDK's own signer. Works against the local stack's `adminUrl` and
 * against the deployed admin API alike.
 */
export async function adminFetch(url: string | URL, init: AdminFetchInit): Promise<Response> {
  const target = new URL(url);
  const method = init.method ?? "GET";
  const signer = new SignatureV4({
    credentials: init.credentials,
    region: init.region,
    service: "execute-api",
    sha256: Sha256,
  });
  const body = init.body === undefined ? undefined : new TextEncoder().encode(init.body);
  const signed = await signer.sign(
    signableRequest(target, method, { host: target.host, ...init.headers }, body),
    init.signingDate && { signingDate: init.signingDate },
  );
  return fetch(target, {
    method,
    headers: signed.headers as Record<string, string>,
    ...(body !== undefined && { body }),
  });
}
