import { createHmac } from "node:crypto";

/**
 * What DynamoDB stores instead of phone numbers, codes and client addresses: all guessable, so all
 * keyed (HMAC) with keys derived from the challenge secret, apart from those of the email flow.
 */
export interface SmsHashes {
  /** A code is bound to the user and to the app client it was asked for. */
  code(username: string, clientId: string, code: string): string;
  /** An E.164 number, or a name typed at sign-in that no user has. */
  number(number: string): string;
  /** A range of numbers (see numberRange). */
  range(range: string): string;
  /** A client network (see networkKey). */
  ip(network: string): string;
}

export function smsHashes(challengeSecretBase64: string): SmsHashes {
  const secret = Buffer.from(challengeSecretBase64, "base64");
  const keyed = (purpose: string) => {
    const key = createHmac("sha256", secret).update(`latchkey/sms/${purpose}`).digest();
    return (value: string) => createHmac("sha256", key).update(value, "utf8").digest("base64url");
  };
  const code = keyed("code");
  return {
    code: (username, clientId, value) => code(`${username}\n${clientId}\n${value}`),
    number: keyed("number"),
    range: keyed("range"),
    ip: keyed("ip"),
  };
}
