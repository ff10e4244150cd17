import { readFileSync } from "node:fs";
import { LatchkeyClientError } from "@latchkey/client";
import { describe, expect, it } from "vitest";
import { errorMessage } from "./error-message.ts";
import { locales } from "./i18n/locales.ts";

/** The codes as their sources declare them, so a code added there and not here fails this test. */
function declaredCodes(path: string, type: string): string[] {
  const source = readFileSync(new URL(path, import.meta.url), "utf8");
  const declaration = source.slice(source.indexOf(`export type ${type} =`));
  const body = declaration.slice(0, declaration.indexOf(";"));
  return [...body.matchAll(/\| "([A-Z_]+)"/g)].map((match) => match[1] as string);
}

const apiCodes = declaredCodes("../../protocol/src/error-code.ts", "ErrorCode");
const clientCodes = declaredCodes("../../client/src/errors.ts", "ClientErrorCode");

describe("errorMessage()", () => {
  it("has plain words for every code the api and the client declare, in every language", () => {
    expect(apiCodes).toEqual(expect.arrayContaining(["RECENT_SIGN_IN_REQUIRED", "PASSKEY_LIMIT_REACHED"]));
    expect(clientCodes).toEqual(expect.arrayContaining(["NETWORK_ERROR", "SIGN_IN_FAILED"]));
    for (const [lang, strings] of Object.entries(locales)) {
      // UNKNOWN is the generic failure itself.
      for (const code of [...apiCodes, ...clientCodes].filter((code) => code !== "UNKNOWN")) {
        const message = errorMessage(new LatchkeyClientError(code, "server text"), strings);
        expect(message, `${lang} ${code}`).not.toBe(strings.unknownError);
        expect(message, `${lang} ${code}`).not.toContain("server text");
      }
    }
  });

  it("never shows the server's text: an unknown code, a Cognito name or a plain Error read generically", () => {
    const { en } = locales;
    for (const failure of [
      new LatchkeyClientError("SOMETHING_NEW", "Invalid request body. friendlyName: Too small"),
      new LatchkeyClientError("InternalErrorException", "Internal error."),
      new LatchkeyClientError("HTTP_ERROR", "Request failed (502)."),
      new Error("Forbidden"),
    ]) {
      expect(errorMessage(failure, en ?? ({} as never))).toBe(en?.unknownError);
    }
  });

  it("words a rate limit with its wait, and a refused sign-in by what was tried", () => {
    const en = locales.en ?? ({} as never);
    const limited = new LatchkeyClientError("RATE_LIMITED", "", { retryAfter: 75 });
    expect(errorMessage(limited, en)).toBe("Too many tries. You can try again in 1:15.");
    expect(errorMessage(limited, locales.ja ?? en)).toBe("試行回数が多すぎます。1:15後にもう一度お試しください。");
    const refused = new LatchkeyClientError("SIGN_IN_FAILED", "Incorrect username or password.");
    expect(errorMessage(refused, en, "passkey")).toMatch(/^This passkey couldn't sign you in/);
    expect(errorMessage(refused, en, "code")).toMatch(/^That code isn't right/);
    expect(errorMessage(refused, en)).toBe(en.errors.SIGN_IN_FAILED);
  });
});
