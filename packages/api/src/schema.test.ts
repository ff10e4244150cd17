import { describe, expect, it } from "vitest";
import { authenticationOptionsSchema, credentialIdParam, registrationOptionsSchema } from "./passkeys/schemas.ts";
import { object, oneOf, optional, parsedBy, string } from "./schema.ts";

const issueOf = (result: { ok: boolean; issue?: unknown }) => (result.ok ? undefined : result.issue);

describe("the api's schemas", () => {
  it("word each refusal as the api always has (zod's wording), with the key it failed at", () => {
    const body = object({
      username: optional(string({ trim: true, max: 254 })),
      id: optional(string({ min: 1, pattern: /^[A-Za-z0-9_-]{43}$/ })),
      named: optional(string({ pattern: /^a+$/, patternMessage: "must be a's" })),
      mediation: optional(oneOf(["conditional"])),
      method: optional(oneOf(["EMAIL_CODE", "SMS_CODE"])),
    });
    const cases: [unknown, string[], string][] = [
      [[], [], "Invalid input: expected object, received array"],
      [null, [], "Invalid input: expected object, received null"],
      ["s", [], "Invalid input: expected object, received string"],
      [{ username: 42 }, ["username"], "Invalid input: expected string, received number"],
      [{ username: null }, ["username"], "Invalid input: expected string, received null"],
      [{ username: "x".repeat(255) }, ["username"], "Too big: expected string to have <=254 characters"],
      [{ id: "" }, ["id"], "Too small: expected string to have >=1 characters"],
      [{ id: "x" }, ["id"], "Invalid string: must match pattern /^[A-Za-z0-9_-]{43}$/"],
      [{ named: "b" }, ["named"], "must be a's"],
      [{ mediation: "required" }, ["mediation"], 'Invalid input: expected "conditional"'],
      [{ method: "PASSKEY" }, ["method"], 'Invalid option: expected one of "EMAIL_CODE"|"SMS_CODE"'],
      // The first failing key in the shape's order is the one reported.
      [{ method: 1, username: 1 }, ["username"], "Invalid input: expected string, received number"],
    ];
    for (const [input, path, message] of cases) expect(issueOf(body.parse(input))).toEqual({ path, message });
  });

  it("require keys not made optional, and report where in a nested object", () => {
    const nested = object({ outer: object({ inner: string() }) });
    expect(issueOf(nested.parse({}))).toEqual({
      path: ["outer"],
      message: expect.stringContaining("received undefined"),
    });
    expect(issueOf(nested.parse({ outer: {} }))).toEqual({
      path: ["outer", "inner"],
      message: "Invalid input: expected string, received undefined",
    });
  });

  it("keep only the shape's own keys, trimmed where asked, and never read one from Object.prototype", () => {
    expect(authenticationOptionsSchema.parse({ username: "  a@b.example ", extra: 1 })).toEqual({
      ok: true,
      value: { username: "a@b.example" },
    });
    // A body without "constructor" must not pass a required "constructor" key with Object's own.
    expect(object({ constructor: string() }).parse({}).ok).toBe(false);
    expect(registrationOptionsSchema.parse({}).ok).toBe(true);
  });

  it("count length after trimming, in UTF-16 units", () => {
    expect(authenticationOptionsSchema.parse({ username: ` ${"x".repeat(254)} ` }).ok).toBe(true);
    expect(string({ max: 2 }).parse("😀").ok).toBe(true);
    expect(string({ max: 1 }).parse("😀").ok).toBe(false);
  });

  it("check a credential id path parameter: base64url, 1 to the longest id", () => {
    expect(credentialIdParam.parse({ credentialId: "AbC-_9" }).ok).toBe(true);
    for (const credentialId of ["", "not*base64", "a b", "A".repeat(1400)]) {
      expect(credentialIdParam.parse({ credentialId }).ok).toBe(false);
    }
  });

  it("turn a value with parsedBy, refusing what its parser refuses", () => {
    const number = parsedBy((v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined), "not digits");
    expect(number.parse("42")).toEqual({ ok: true, value: 42 });
    expect(issueOf(number.parse("4x"))).toEqual({ path: [], message: "not digits" });
    expect(issueOf(object({ n: number }).parse({}))).toEqual({ path: ["n"], message: "not digits" });
  });
});
