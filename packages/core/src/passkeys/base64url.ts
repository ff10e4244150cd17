const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** True for an unpadded base64url string of at most `maxChars` characters. */
export function isBase64Url(value: unknown, maxChars: number): value is string {
  return typeof value === "string" && value.length <= maxChars && value.length % 4 !== 1 && BASE64URL.test(value);
}

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

export function fromBase64Url(value: string): Uint8Array {
  return new Uint8Array(Buffer.from(value, "base64url"));
}

/** The base64url length of `bytes` bytes, unpadded. */
export function base64UrlLength(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}
