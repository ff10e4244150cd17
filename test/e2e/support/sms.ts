import { createHash, randomBytes } from "node:crypto";
import type { LocalStack, OutboxMessage } from "@latchkey/local";

/** Every text the SMS outbox accepted since `since` (epoch seconds), oldest first. */
export async function readTexts(
  stack: { urls: Pick<LocalStack["urls"], "sms"> },
  since: number,
): Promise<OutboxMessage[]> {
  const response = await fetch(`${stack.urls.sms}/store?since=${since}`);
  if (!response.ok) throw new Error(`SMS outbox answered ${response.status}`);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

/** The texts to `phoneNumber` since `since`. */
export async function textsTo(stack: Pick<LocalStack, "urls">, phoneNumber: string, since: number) {
  return (await readTexts(stack, since)).filter((text) => text.destinationPhoneNumber === phoneNumber);
}

/** The code of the newest sign-in text to `phoneNumber` since `since`. */
export async function smsCode(stack: Pick<LocalStack, "urls">, phoneNumber: string, since: number): Promise<string> {
  const text = (await textsTo(stack, phoneNumber, since)).at(-1);
  const code = text && /^(\d{6}) is your /.exec(text.messageBody)?.[1];
  if (!code) throw new Error(`no sign-in text to ${phoneNumber} since ${since}`);
  return code;
}

/** A browser's verifier and its SHA-256, the bindingHash of POST /sms-codes. */
export function newBrowser() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, bindingHash: createHash("sha256").update(verifier).digest("base64url") };
}

let ranges = 0;
/** A fresh UK mobile number, +44 77nn nn0123, alone in its range of 10,000 (see numberRange). */
export const newPhoneNumber = () => `+4477${String(++ranges).padStart(4, "0")}0123`;

/** Another number in the range of `number`. */
export const sameRange = (number: string, last4: string) => `${number.slice(0, -4)}${last4}`;
