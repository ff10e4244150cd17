import { LatchkeyError } from "../errors.ts";

const MAX_LENGTH = 2048;

function invalid(reason: string): never {
  throw new LatchkeyError("INVALID_REDIRECT_URI", `redirectUri ${reason}.`);
}

/**
 * The page a link opens: an http(s) URL of an allowlisted origin, with no fragment of its own (the
 * token goes there) and no credentials. The request's Host headers never play a part.
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
  const allowed = allowlist.some((entry) => URL.canParse(entry) && new URL(entry).origin === url.origin);
  if (!allowed) invalid("is not on the allowlist");
  return url;
}
