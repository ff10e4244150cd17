import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  actionsOf,
  bundleSources,
  createTestApp,
  roleOf,
  roleStatements,
  type SynthesizedStack,
  testProps,
} from "@latchkey/testkit/cdk";
import { App, Stack } from "aws-cdk-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromAddress } from "./email-settings.ts";
import { Latchkey } from "./latchkey.ts";
import type { LatchkeyProps } from "./latchkey-props.ts";

/** A templates module as a deployment would write one, in a file of its own. */
function templatesFile(source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "latchkey-templates-")), "email-templates.ts");
  writeFileSync(file, source);
  return file;
}
const brandedTemplates = templatesFile(`
interface Input { locale: string; appName: string; link: string; code: string; expiresInMinutes: number }
export const magicLinkEmail = (input: Input) => ({
  subject: \`Your \${input.appName} sign-in\`,
  text: \`Open \${input.link} or type \${input.code}.\`,
  html: \`<p class="acme">Open <a href="\${input.link.replaceAll("&", "&amp;")}">this link</a> or type \${input.code}.</p>\`,
});
`);

const testApp = createTestApp();
let branded: SynthesizedStack;
const magicLinks = { ...testProps.magicLinks, senderAddress: "no-reply@mail.example.com" };
beforeAll(() => {
  ({ branded } = testApp.synthAll({
    branded: (stack) =>
      new Latchkey(stack, "Latchkey", {
        ...testProps,
        magicLinks,
        email: { senderName: "Acme, Sign-in", defaultLocale: "de", templates: brandedTemplates },
      }),
  }));
}, 120_000);
afterAll(() => testApp.cleanup());

const envOf = (synth: SynthesizedStack, fn: SynthesizedStack["latchkey"]["apiFunction"]) => {
  const properties = synth.json.Resources[synth.logicalId(fn)]?.Properties ?? {};
  return (properties.Environment as { Variables: Record<string, unknown> }).Variables;
};

describe("email settings", () => {
  it("put the sender's name in From and the default language in LATCHKEY_LOCALE, for both functions", () => {
    for (const fn of [branded.latchkey.apiFunction, branded.latchkey.triggerFunction]) {
      expect(envOf(branded, fn)).toMatchObject({
        LATCHKEY_SENDER_ADDRESS: '"Acme, Sign-in" <no-reply@mail.example.com>',
        LATCHKEY_LOCALE: "de",
      });
    }
  });

  it("leave the SES permission pinned to the bare address", () => {
    const api = branded.logicalId(branded.latchkey.apiFunction);
    const ses = roleStatements(branded.json.Resources, roleOf(branded.json.Resources, api)).filter((s) =>
      actionsOf(s).includes("ses:SendEmail"),
    );
    expect(ses[0]?.Condition).toEqual({ StringEquals: { "ses:FromAddress": "no-reply@mail.example.com" } });
  });

  it("bundle the templates module into the api function, which hands them to the api, and not into the triggers", () => {
    const api = bundleSources(branded.assetDir(branded.logicalId(branded.latchkey.apiFunction)));
    expect(api).toContain(brandedTemplates);
    expect(api.some((source) => source.endsWith("/api/src/lambda-handler.ts"))).toBe(true);
    const triggers = bundleSources(branded.assetDir(branded.logicalId(branded.latchkey.triggerFunction)));
    expect(triggers).not.toContain(brandedTemplates);
  });
});

/** Settings are checked before anything is bundled, so these fail fast. */
function build(email: LatchkeyProps["email"], senderAddress = magicLinks.senderAddress) {
  const stack = new Stack(new App({ outdir: testApp.outdir }), "Invalid");
  return () => new Latchkey(stack, "Latchkey", { ...testProps, magicLinks: { ...magicLinks, senderAddress }, email });
}

describe("the sender's name", () => {
  it("is written as it is when plain, quoted when it holds a special, MIME-encoded when not ASCII", () => {
    expect(fromAddress("no-reply@example.com", "Acme")).toBe("Acme <no-reply@example.com>");
    expect(fromAddress("no-reply@example.com", ' Acme "Sign-in" ')).toBe('"Acme \\"Sign-in\\"" <no-reply@example.com>');
    expect(fromAddress("no-reply@example.com", "Café")).toBe(
      `=?UTF-8?B?${Buffer.from("Café").toString("base64")}?= <no-reply@example.com>`,
    );
    expect(fromAddress("no-reply@example.com", undefined)).toBe("no-reply@example.com");
  });

  it("is refused when empty, on several lines, or beside a name in the sender address", () => {
    expect(build({ senderName: " " })).toThrow(/email.senderName must be 1 to 100 characters on one line/);
    expect(build({ senderName: "Acme\r\nBcc: x@example.com" })).toThrow(/email.senderName must be/);
    expect(build({ senderName: "x".repeat(101) })).toThrow(/email.senderName must be/);
    expect(build({ senderName: "Acme" }, "Example <no-reply@mail.example.com>")).toThrow(
      /already has a name .* not both/,
    );
  });
});

describe("synthesis fails on", () => {
  it("a default language the emails are not written in", () => {
    expect(build({ defaultLocale: "it" })).toThrow(/LATCHKEY_LOCALE must be one of en, de, fr, es, ja/);
  });

  it("a templates module that is missing, does not build, or would break an email", () => {
    expect(build({ templates: join(tmpdir(), "no-such-templates.ts") })).toThrow(/email.templates: no such file/);
    expect(build({ templates: templatesFile("export const magicLinkEmail = (") })).toThrow(/does not build/);
    expect(build({ templates: templatesFile("throw new Error('boom');") })).toThrow(/fails to load.*boom/s);
    const typo = templatesFile("export const magicLinkMail = () => ({ subject: 'a', text: 'b', html: 'c' });");
    expect(build({ templates: typo })).toThrow(/exports "magicLinkMail", which is none of magicLinkEmail/);
    const noCode = templatesFile(
      "export const magicLinkEmail = (i) => ({ subject: 'Sign in', text: i.link, html: '<a href=\"' + i.link + '\">x</a>' });",
    );
    expect(build({ templates: noCode })).toThrow(/magicLinkEmail \(en\): the text does not show 123456/);
  });
});
