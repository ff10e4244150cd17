import type { PasskeyPolicy } from "./policy.ts";

/**
 * Whether a ceremony from `origin` may be for `rpId`, as browsers decide it: a web origin whose host is
 * the RP ID or lies under it, or one of the first RP ID's related origins (its /.well-known/webauthn).
 * An app's origin (android:apk-key-hash:...) is tied to its RP IDs by the app's own association, not
 * by its name, so it passes here as before.
 */
export function originMayUseRpId(
  policy: Pick<PasskeyPolicy, "relyingPartyIds" | "relatedOrigins">,
  origin: string,
  rpId: string,
): boolean {
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return true;
  if (url.hostname === rpId || url.hostname.endsWith(`.${rpId}`)) return true;
  return rpId === policy.relyingPartyIds[0] && policy.relatedOrigins.includes(url.origin);
}
