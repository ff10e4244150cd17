/**
 * An email address as a sign-in page may show it to say which account a link is for: the domain
 * whole (a lookalike domain stays visible), the local part its first and last characters around a
 * fixed run of dots, so its length does not show either. "alice@example.com" -> "a•••e@example.com".
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "•••";
  const local = address.slice(0, at);
  const last = local.length > 2 ? local.at(-1) : "";
  return `${local[0]}•••${last}${address.slice(at)}`;
}
