import type { Seed } from "./api-seeds.ts";
import type { Random } from "./random.ts";

/** Path parameters that are not a credential ID of the caller's: every kind of wrong. */
export function badParams(random: Random, seed: Seed, otherCredential: string): [string, string][] {
  const id = seed.param ?? "";
  return [
    ["empty", ""],
    ["encoded slash", `${id.slice(0, 8)}%2F${id.slice(8)}`],
    ["encoded backslash", `${id}%5C..`],
    ["dot-dot", ".."],
    ["encoded dot-dot", "%2e%2e"],
    ["long", "A".repeat(random.pick([1366, 1400, 2000, 4000]))],
    ["not base64url", "not*base64"],
    ["standard base64", Buffer.from(id, "base64url").toString("base64")],
    ["padded", `${id}==`],
    ["bad percent-encoding", random.pick(["%ZZ", "%", "%E0%A4%A", "%C0%AE", "%ff%fe", "a%"])],
    ["NUL", `${id}%00`],
    ["encoded unicode", encodeURIComponent(random.pick(["é", "\u200b", "😀", "\u202e", "ＡＢ", "\u0000"]))],
    ["another user's passkey", otherCredential],
    ["unknown passkey", Buffer.from(random.bytes(32)).toString("base64url")],
    ["prototype key", random.pick(["__proto__", "constructor", "prototype", "toString"])],
    ["query instead", `?credentialId=${id}`],
  ];
}

/** The route's path spelt in ways a router might or might not take for it. */
export function pathShapes(random: Random, path: string): [string, string][] {
  return [
    ["trailing slash", `${path}/`],
    ["double slash", `/${path}`],
    ["upper case", path.toUpperCase()],
    ["dot segment", path.replace(/^\/([^/]+)/, "/$1/.")],
    ["dot-dot segment", `${path}/../${path.split("/")[1] ?? ""}`],
    ["encoded slashes", `/${path.slice(1).replace(/\//g, "%2F")}`],
    ["query", `${path}?__proto__[admin]=1&username=a&redirectUri=javascript:alert(1)`],
    ["NUL", `${path}%00`],
    ["semicolon", `${path};jsessionid=1`],
    ["long query", `${path}?q=${"x".repeat(random.pick([1000, 6000]))}`],
  ];
}

/** Bodies that are not the JSON document a route reads, made from the seed's own JSON text. */
export const RAW_BODIES: [string, (text: string, random: Random) => string | Buffer][] = [
  ["truncated JSON", (text, random) => text.slice(0, random.int(Math.max(1, text.length)))],
  [
    "invalid JSON",
    (_, random) => random.pick(["{", "}", "nul", "[1,]", "{'a':1}", '{"a":1,}', "undefined", "NaN", "\u0000"]),
  ],
  ["a JSON scalar", (_, random) => random.pick(["null", "true", "0", '"string"', "[]", "-1e309"])],
  ["a byte order mark", (text) => `\ufeff${text}`],
  ["trailing garbage", (text) => `${text}}{`],
  ["whitespace around", (text) => `\n\t ${text} \r\n`],
  [
    "not UTF-8",
    (text) =>
      Buffer.concat([
        Buffer.from(text.slice(0, -1)),
        Buffer.from([0xff, 0xfe, 0xc0, 0x80]),
        Buffer.from(text.slice(-1)),
      ]),
  ],
  ["UTF-16", (text) => Buffer.from(text, "utf16le")],
  ["empty", () => ""],
  ["over the size limit", (text) => `{"pad":"${"x".repeat(65 * 1024)}","v":${text || "{}"}}`],
  ["far over the size limit", (text) => `${text}${" ".repeat(1024 * 1024)}`],
  ["just under the size limit", (text) => `{"pad":"${"x".repeat(60 * 1024)}","v":${text || "{}"}}`],
  ["form-encoded", () => "email=a%40example.com&redirectUri=x&friendlyName=x"],
];

/** Content types a route must not read as its JSON, or must read the same way. */
export const CONTENT_TYPES = [
  undefined,
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/json; charset=latin1",
  "APPLICATION/JSON",
  "application/json, text/html",
  "application/vnd.api+json",
  "application/jsonx",
  "application/json;;;",
  "",
];

/** Origin headers besides the allowed one: none, foreign, lookalikes, malformed. */
export function origins(allowed: string): [string, string | undefined][] {
  return [
    ["none", undefined],
    ["evil", "https://evil.example"],
    ["null", "null"],
    ["allowed with a slash", `${allowed}/`],
    ["allowed in upper case", allowed.toUpperCase()],
    ["another port", "http://localhost:1"],
    ["a suffix of the allowed host", allowed.replace("localhost", "localhost.evil.example")],
    ["not a URL", "http://[::1"],
    ["file", "file://"],
    ["long", `https://${"a".repeat(4000)}.example`],
  ];
}
