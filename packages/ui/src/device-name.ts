/** Browser and platform names, from the user agent's own hints where it gives them, else its string. */
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\//, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\//, "Firefox"],
  [/Chrome\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const PLATFORMS: [RegExp, string][] = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Windows/, "Windows"],
  [/Linux/, "Linux"],
];

const first = (pairs: [RegExp, string][], text: string) => pairs.find(([pattern]) => pattern.test(text))?.[1];

/**
 * The browser and platform this page runs in, e.g. ["Chrome", "macOS"], for the name of a passkey whose
 * authenticator the AAGUID list does not know. Unknown parts read "Browser" and "this device".
 */
export function browserAndPlatform(): [string, string] {
  const agent = globalThis.navigator?.userAgent ?? "";
  return [first(BROWSERS, agent) ?? "Browser", first(PLATFORMS, agent) ?? "this device"];
}
