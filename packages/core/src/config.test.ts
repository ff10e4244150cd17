import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.ts";

const base = {
  LATCHKEY_REGION: "eu-west-1",
  LATCHKEY_USER_POOL_ID: "eu-west-1_Pool",
  LATCHKEY_CLIENT_IDS: "client",
  LATCHKEY_TABLE_NAME: "table",
  LATCHKEY_RP_IDS: "example.com",
  LATCHKEY_ALLOWED_ORIGINS: "https://example.com",
  LATCHKEY_CHALLENGE_SECRET: Buffer.alloc(32, 7).toString("base64"),
  LATCHKEY_SENDER_ADDRESS: "no-reply@example.com",
};

describe("parseConfig: sign-in email limits", () => {
  it("lets one client network have only a share of an address's emails, and bounds wrong codes a day", () => {
    expect(parseConfig(base).magicLinks).toMatchObject({
      maxEmailsPerAddressPerHour: 10,
      maxEmailsPerAddressPerIpPerHour: 3,
      maxRequestsPerIpPerHour: 100,
      maxFailedCodesPerDay: 10,
    });
    const set = parseConfig({
      ...base,
      LATCHKEY_LINK_MAX_PER_ADDRESS_HOURLY: "6",
      LATCHKEY_LINK_MAX_PER_ADDRESS_PER_IP_HOURLY: "2",
      LATCHKEY_CODE_MAX_FAILURES_DAILY: "20",
    });
    expect(set.magicLinks).toMatchObject({
      maxEmailsPerAddressPerHour: 6,
      maxEmailsPerAddressPerIpPerHour: 2,
      maxFailedCodesPerDay: 20,
    });
  });

  it.each([
    ["4", "4"],
    ["3", "5"],
  ])("refuses a per-network share (%s of %s) that one network could use up the address with", (perAddress, perIp) => {
    const env = {
      ...base,
      LATCHKEY_LINK_MAX_PER_ADDRESS_HOURLY: perAddress,
      LATCHKEY_LINK_MAX_PER_ADDRESS_PER_IP_HOURLY: perIp,
    };
    expect(() => parseConfig(env)).toThrow(ConfigError);
  });
});

describe("parseConfig: related origins and WebAuthn hints", () => {
  const withOrigins = { ...base, LATCHKEY_ALLOWED_ORIGINS: "https://example.com,https://example.co.uk" };

  it("takes related origins that the api serves too, and none by default", () => {
    expect(parseConfig(base).passkeys).toMatchObject({
      relatedOrigins: [],
      hints: [],
      authenticatorAttachment: undefined,
    });
    expect(
      parseConfig({ ...withOrigins, LATCHKEY_RELATED_ORIGINS: "https://example.co.uk" }).passkeys.relatedOrigins,
    ).toEqual(["https://example.co.uk"]);
  });

  it.each([
    ["one the api does not serve", "https://example.de", /must be one of LATCHKEY_ALLOWED_ORIGINS/],
    ["one with a path", "https://example.co.uk/login", /is not an origin/],
    ["an app's origin", "android:apk-key-hash:abc", /is not an origin/],
  ])("refuses as a related origin %s", (_, origin, message) => {
    expect(() => parseConfig({ ...withOrigins, LATCHKEY_RELATED_ORIGINS: origin })).toThrow(message);
  });

  it("takes known hints and attachments, and refuses others", () => {
    const set = parseConfig({
      ...base,
      LATCHKEY_WEBAUTHN_HINTS: "client-device",
      LATCHKEY_AUTHENTICATOR_ATTACHMENT: "platform",
    });
    expect(set.passkeys).toMatchObject({ hints: ["client-device"], authenticatorAttachment: "platform" });
    expect(() => parseConfig({ ...base, LATCHKEY_WEBAUTHN_HINTS: "usb" })).toThrow(/"usb" is not one of/);
    expect(() => parseConfig({ ...base, LATCHKEY_AUTHENTICATOR_ATTACHMENT: "roaming" })).toThrow(/must be one of/);
  });
});

describe("parseConfig: the gap between emails", () => {
  it("may be raised above a minute, and is a minute by default", () => {
    expect(parseConfig(base).magicLinks.minSecondsBetweenEmails).toBe(60);
    expect(parseConfig({ ...base, LATCHKEY_LINK_MIN_GAP_SECONDS: "120" }).magicLinks.minSecondsBetweenEmails).toBe(120);
  });

  it("is refused below a minute, rather than raised without a word", () => {
    expect(() => parseConfig({ ...base, LATCHKEY_LINK_MIN_GAP_SECONDS: "59" })).toThrow(
      /LATCHKEY_LINK_MIN_GAP_SECONDS must be at least 60/,
    );
  });
});

describe("parseConfig: the emails' language", () => {
  it("is English unless set, and one the emails are written in", () => {
    expect(parseConfig(base).magicLinks.locale).toBe("en");
    for (const locale of ["de", "fr", "es", "ja"]) {
      expect(parseConfig({ ...base, LATCHKEY_LOCALE: locale }).magicLinks.locale).toBe(locale);
    }
  });

  it.each(["it", "de-AT", "EN", "english"])("refuses %s, which would fall back to English unnoticed", (locale) => {
    expect(() => parseConfig({ ...base, LATCHKEY_LOCALE: locale })).toThrow(
      "LATCHKEY_LOCALE must be one of en, de, fr, es, ja",
    );
  });
});

describe("parseConfig: the SES configuration set", () => {
  it("is the one named, and none unless named", () => {
    expect(parseConfig(base).magicLinks.configurationSetName).toBeUndefined();
    const set = parseConfig({ ...base, LATCHKEY_SES_CONFIGURATION_SET: "latchkey-mail" });
    expect(set.magicLinks.configurationSetName).toBe("latchkey-mail");
  });
});

describe("parseConfig: SMS", () => {
  it("caps a text's price at 20 cents unless set, and leaves the origination identity to the account", () => {
    expect(parseConfig(base).sms).toMatchObject({
      originationIdentity: undefined,
      configurationSetName: undefined,
      maxPrice: "0.20",
    });
    const set = parseConfig({ ...base, LATCHKEY_SMS_ORIGINATION_IDENTITY: "pool-1", LATCHKEY_SMS_MAX_PRICE: "0.05" });
    expect(set.sms).toMatchObject({ originationIdentity: "pool-1", maxPrice: "0.05" });
  });

  it.each(["1", "100.0", "0.2.0", "$0.20", "0.123456"])("refuses a price cap of %s", (price) => {
    expect(() => parseConfig({ ...base, LATCHKEY_SMS_MAX_PRICE: price })).toThrow(ConfigError);
  });
});

describe("parseConfig: SMS destinations and budgets", () => {
  it("default to five countries, their premium ranges blocked, and hourly budgets before any text", () => {
    expect(parseConfig(base).sms).toMatchObject({
      allowedPrefixes: ["+1", "+44", "+49", "+33", "+61"],
      blockedPrefixes: expect.arrayContaining(["+1900", "+449"]),
      codeExpirySeconds: 300,
      maxPerNumberPerHour: 5,
      maxPerRangePerHour: 20,
      maxPerIpPerHour: 10,
      maxPerHour: 100,
    });
  });

  it("take a deployment's own lists, an empty allowlist sending nothing", () => {
    const set = parseConfig({ ...base, LATCHKEY_SMS_ALLOWED_PREFIXES: "+353, +31", LATCHKEY_SMS_BLOCKED_PREFIXES: "" });
    expect(set.sms).toMatchObject({ allowedPrefixes: ["+353", "+31"], blockedPrefixes: [] });
    expect(parseConfig({ ...base, LATCHKEY_SMS_ALLOWED_PREFIXES: "" }).sms.allowedPrefixes).toEqual([]);
  });

  it("refuse a prefix that is not E.164, a global budget past what one item can count, and keep codes short-lived", () => {
    expect(() => parseConfig({ ...base, LATCHKEY_SMS_ALLOWED_PREFIXES: "44" })).toThrow(/not an E.164 prefix/);
    expect(() => parseConfig({ ...base, LATCHKEY_SMS_BLOCKED_PREFIXES: "+44 70" })).toThrow(/not an E.164 prefix/);
    expect(() => parseConfig({ ...base, LATCHKEY_SMS_MAX_HOURLY: "5001" })).toThrow(/at most 5000/);
    expect(parseConfig({ ...base, LATCHKEY_SMS_CODE_EXPIRY_SECONDS: "3600" }).sms.codeExpirySeconds).toBe(900);
  });
});

describe("parseConfig: the AWS timeouts", () => {
  it("default to bounds whose two attempts fit in Cognito's 5 seconds for a trigger", () => {
    const { aws } = parseConfig(base);
    expect(aws).toEqual({ connectionTimeoutMs: 1000, requestTimeoutMs: 1500 });
    expect(2 * aws.requestTimeoutMs).toBeLessThan(5000);
  });

  it("refuse settings that would outlast it, or a connection bound past the request's", () => {
    expect(() => parseConfig({ ...base, LATCHKEY_AWS_REQUEST_TIMEOUT_MS: "2001" })).toThrow(/at most 2000/);
    expect(() => parseConfig({ ...base, LATCHKEY_AWS_REQUEST_TIMEOUT_MS: "0" })).toThrow(/positive integer/);
    expect(() =>
      parseConfig({ ...base, LATCHKEY_AWS_REQUEST_TIMEOUT_MS: "500", LATCHKEY_AWS_CONNECTION_TIMEOUT_MS: "600" }),
    ).toThrow(/LATCHKEY_AWS_CONNECTION_TIMEOUT_MS must not exceed/);
  });
});

describe("parseConfig: metrics and audit events", () => {
  it("put metrics in the Latchkey namespace, or the one named, and send no audit events without a bus", () => {
    const config = parseConfig(base);
    expect(config.metricsNamespace).toBe("Latchkey");
    expect(config.auditEvents).toEqual({ eventBus: undefined, timeoutMs: 500 });
    expect(parseConfig({ ...base, LATCHKEY_METRICS_NAMESPACE: "Shop/Sign-in" }).metricsNamespace).toBe("Shop/Sign-in");
  });

  it("refuse a namespace CloudWatch would not take, or AWS's own", () => {
    for (const namespace of ["AWS/Lambda", "a".repeat(256), "Latchkey!", "   ", "Läuft"]) {
      expect(() => parseConfig({ ...base, LATCHKEY_METRICS_NAMESPACE: namespace })).toThrow(
        /LATCHKEY_METRICS_NAMESPACE/,
      );
    }
  });

  it("take an event bus by name or ARN, and nothing else", () => {
    const arn = "arn:aws:events:eu-west-1:111111111111:event-bus/audit";
    for (const bus of ["default", "audit.events-1", arn]) {
      expect(parseConfig({ ...base, LATCHKEY_EVENT_BUS: bus }).auditEvents.eventBus).toBe(bus);
    }
    for (const bus of ["audit bus", "arn:aws:sns:eu-west-1:111111111111:topic", "https://events.example"]) {
      expect(() => parseConfig({ ...base, LATCHKEY_EVENT_BUS: bus })).toThrow(/LATCHKEY_EVENT_BUS/);
    }
  });

  it("bound what an audit event may cost a sign-in", () => {
    expect(parseConfig({ ...base, LATCHKEY_AUDIT_EVENTS_TIMEOUT_MS: "250" }).auditEvents.timeoutMs).toBe(250);
    expect(() => parseConfig({ ...base, LATCHKEY_AUDIT_EVENTS_TIMEOUT_MS: "1001" })).toThrow(/at most 1000/);
  });
});
