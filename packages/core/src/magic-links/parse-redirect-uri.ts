import { LatchkeyError } from "../errors.ts";

const MAX_LENGTH = 2048;

function invalid(reason: string): never {
  throw new LatchkeyError("INVALID_REDIRECT_URI", `redirectUri ${reason}.`);
}

/**
 * The page a link opens: an http(s) URL with no fragment of its own (the token goes there) and no
 * credentials, that an allowlist entry allows: the same origin (scheme, host and port), and the entry's
 * path or, on a path boundary, below it. Paths are compared as the URL parser resolves them (dot
 * segments, encoded or not, are gone; an encoded slash is no boundary), case-sensitively; the query is
 * the app's. The request's Host headers never play a part.
 */
export function parseRedirectUri(value: string, allowlist: readonly string[]): URL {
  if (value.length > MAX_LENGTH) invalid("is too long");
  if (value.includes("#")) invalid("must not have a fragment");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    invalid("is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") invalid("must be http(s)");
  if (url.username || url.password) invalid("must not carry credentials");
  const allowed = allowlist.some((entry) => URL.canParse(entry) && allows(new URL(entry), url));
  if (!allowed) invalid("is not on the allowlist");
  return url;
}

function allows(entry: URL, url: URL): boolean {
  if (entry.origin !== url.origin) return false;
  const path = entry.pathname;
  return path.endsWith("/")
    ? url.pathname.startsWith(path)
    : url.pathname === path || url.pathname.startsWith(`${path}/`);
}
