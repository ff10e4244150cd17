/**
 * The domain that names the asking page in a text's origin-bound code line: only an origin the api
 * serves, by its domain alone, for the format has no port (Chromium's parser takes `@[a-zA-Z0-9.-]+ #`).
 */
export function textHost(origin: string | undefined, allowedOrigins: readonly string[]): string | undefined {
  return origin && allowedOrigins.includes(origin) && URL.canParse(origin) ? new URL(origin).hostname : undefined;
}
