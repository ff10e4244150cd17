import type { BrowserContext, Page } from "playwright-core";
import type { VirtualAuthenticator } from "./browser.ts";
import { credentialsOf } from "./browser.ts";

export const SIGNALS = ["signalUnknownCredential", "signalAllAcceptedCredentials", "signalCurrentUserDetails"] as const;
export type SignalName = (typeof SIGNALS)[number];
export interface SignalCall {
  name: SignalName;
  options: Record<string, unknown>;
}

/**
 * The page's WebAuthn Signal API calls, recorded with their arguments by wrapping the browser's own
 * methods, which still run. `mode` "absent" deletes the methods instead (a browser without them), and
 * "refused" makes each throw after recording (a browser that refuses the call).
 */
export function watchSignals(context: BrowserContext, mode: "present" | "absent" | "refused" = "present") {
  return context.addInitScript(
    ([names, how]) => {
      const calls: unknown[] = [];
      Object.assign(window, { __signals: calls });
      const api = PublicKeyCredential as unknown as Record<string, ((options: unknown) => Promise<void>) | undefined>;
      for (const name of names) {
        const original = api[name];
        if (how === "absent") {
          delete api[name];
          continue;
        }
        api[name] = (options: unknown) => {
          calls.push({ name, options: JSON.parse(JSON.stringify(options)) });
          if (how === "refused") throw new DOMException("Refused by the test.", "SecurityError");
          return original?.call(PublicKeyCredential, options) ?? Promise.resolve();
        };
      }
    },
    [SIGNALS, mode] as const,
  );
}

/** The Signal API calls the page made so far. */
export function signalCalls(page: Page): Promise<SignalCall[]> {
  return page.evaluate(() => (window as unknown as { __signals: SignalCall[] }).__signals);
}

/** Waits (briefly) until the page has made `count` calls of `name`; they run after the call that caused them. */
export async function waitForSignals(page: Page, name: SignalName, count = 1, timeoutMs = 5000): Promise<SignalCall[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const calls = (await signalCalls(page)).filter((call) => call.name === name);
    if (calls.length >= count) return calls;
    if (Date.now() > deadline) throw new Error(`${count} ${name} call(s) expected, ${calls.length} made`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The base64url credential IDs the virtual authenticator holds (CDP reports standard base64). */
export async function heldCredentialIds(authenticator: VirtualAuthenticator): Promise<string[]> {
  return (await credentialsOf(authenticator)).map((credential) =>
    Buffer.from(credential.credentialId, "base64").toString("base64url"),
  );
}

/** The names the virtual authenticator shows its credentials by. */
export async function heldUserNames(authenticator: VirtualAuthenticator): Promise<(string | undefined)[]> {
  return (await credentialsOf(authenticator)).map((credential) => credential.userName);
}

/** Errors the page did not handle: thrown in its scripts or rejected promises nobody caught. */
export async function collectPageFailures(context: BrowserContext, page: Page): Promise<string[]> {
  const failures: string[] = [];
  page.on("pageerror", (error) => failures.push(String(error)));
  await context.addInitScript(() => {
    window.addEventListener("unhandledrejection", (event) => {
      console.error(`unhandled rejection: ${String(event.reason)}`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().startsWith("unhandled rejection")) failures.push(message.text());
  });
  return failures;
}

export const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");
