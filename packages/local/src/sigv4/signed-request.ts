/**
 * A request as SigV4 signs it (@smithy/signature-v4's HttpRequest): the path as it goes on the wire,
 * percent-encoding and all (the signer encodes it once more, as AWS does for every service but S3),
 * the query decoded, a key repeated as an array.
 */
export function signableRequest(url: URL, method: string, headers: Record<string, string>, body?: Uint8Array) {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return {
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port && { port: Number(url.port) }),
    path: url.pathname,
    query,
    headers,
    ...(body !== undefined && body.length > 0 && { body }),
  };
}
