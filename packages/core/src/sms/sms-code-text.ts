/**
 * The sign-in text. When the page that asked is known, its last line is an origin-bound one-time
 * code (`@<host> #<code>`, the format WebOTP and iOS/Android autofill read): browsers offer the code
 * only on that site, so a look-alike page cannot have it filled in.
 */
export function smsCodeText(input: {
  appName: string;
  code: string;
  host: string | undefined;
  expiresInMinutes: number;
}): string {
  const text = `${input.code} is your ${input.appName} sign-in code. It expires in ${input.expiresInMinutes} minutes; never share it.`;
  return input.host ? `${text}\n\n@${input.host} #${input.code}` : text;
}
