import { emailLocales } from "./magic-links/email/email-locales.ts";
import { DEFAULT_ALLOWED_PREFIXES, DEFAULT_BLOCKED_PREFIXES } from "./sms/destination-policy.ts";

/**
 * One typed config, shared by api and triggers. It is read from the environment once, at module scope
 * of each entry point (`getConfig()`), and validated there so a misconfiguration fails at cold start.
 */
export type UserVerification = "required" | "preferred" | "discouraged";
export type ResidentKey = "required" | "preferred" | "discouraged";
export type LinkBinding = "same-browser" | "any-browser";
/** WebAuthn hints, in order of preference: which kind of authenticator the browser should offer first. */
export type WebAuthnHint = "security-key" | "client-device" | "hybrid";
export type AuthenticatorAttachment = "platform" | "cross-platform";

export interface LatchkeyConfig {
  region: string;
  userPoolId: string;
  /** App clients allowed to sign in; the first is the one the api targets. */
  clientIds: string[];
  /** Set locally to the Cognito emulator; unset in AWS. */
  cognitoEndpoint: string | undefined;
  /** Token issuer; derived from region and pool unless set (the emulator's differs). */
  issuer: string;
  tableName: string;
  dynamodbEndpoint: string | undefined;
  sesEndpoint: string | undefined;
  /** Set locally to the SMS outbox; unset in AWS (End User Messaging SMS). */
  smsEndpoint: string | undefined;
  /** Set locally to the stack's event bus; unset in AWS (Amazon EventBridge). */
  eventsEndpoint: string | undefined;
  /** The CloudWatch namespace of the metrics each log line carries (Embedded Metric Format). */
  metricsNamespace: string;
  auditEvents: {
    /** The EventBridge bus (name or ARN) audit events go to; unset, none are sent. */
    eventBus: string | undefined;
    /**
     * Milliseconds the one attempt to send an event may take: an audit event never holds up a sign-in
     * for longer, and a lost one is logged and counted, never answered.
     */
    timeoutMs: number;
  };
  /**
   * Bounds on each attempt of every AWS SDK call (two attempts at most), so that a hung DynamoDB, SES,
   * Cognito or KMS fails the request with SERVICE_UNAVAILABLE long before the Lambda's own timeout, and
   * a trigger's call within Cognito's five seconds.
   */
  aws: {
    /** Milliseconds to connect (TCP and TLS). */
    connectionTimeoutMs: number;
    /** Milliseconds one attempt may take in all, connecting included: at most 2000. */
    requestTimeoutMs: number;
  };
  passkeys: {
    relyingPartyIds: string[];
    relyingPartyName: string;
    allowedOrigins: string[];
    userVerification: UserVerification;
    residentKey: ResidentKey;
    attestation: "none" | "direct";
    /** With "direct": a JSON file of PEM trust anchors per attestation format (see readAttestationRoots). */
    attestationRootsFile: string | undefined;
    /** Key (base64) for stateless, signed registration and authentication challenges. */
    challengeSecret: string;
    challengeTtlSeconds: number;
    /** auth_time must be this recent to add or delete a passkey. */
    recentSignInSeconds: number;
    /** URL or file path of the passkey AAGUID list; empty disables names and icons. */
    aaguidSource: string;
    /** How many passkeys one user may register (1 to 100). */
    maxPasskeysPerUser: number;
    /**
     * Origins outside the first RP ID's domain that use it all the same (WebAuthn related origin
     * requests): served as its /.well-known/webauthn, and the only such origins verification accepts.
     */
    relatedOrigins: string[];
    /** Sent with registration and sign-in options; none by default (the browser chooses). */
    hints: WebAuthnHint[];
    /** Registration asks for this kind of authenticator only; unset, any. */
    authenticatorAttachment: AuthenticatorAttachment | undefined;
    /** Email the user when a passkey is added to or removed from their account. */
    notices: boolean;
  };
  magicLinks: {
    senderAddress: string;
    /** The SES configuration set every email is sent with (event destinations, reputation); unset, none. */
    configurationSetName: string | undefined;
    /**
     * Where a link may send the browser back, as URLs (see redirectAllowlist): each allows its origin
     * and, from its path on, on a path boundary, what lies there and below.
     */
    redirectAllowlist: string[];
    expirySeconds: number;
    binding: LinkBinding;
    allowSignUp: boolean;
    /**
     * How long an address's lookup (the username that held it, kept in the table) is trusted before the
     * pool is asked again. Staleness never signs in the wrong account (redemption checks the account's
     * current verified email); it bounds how long mail may go to an address its account has left.
     */
    addressLookupMaxAgeSeconds: number;
    /** Ed25519 private key (PKCS#8 PEM) for local signing. At most one of it, signingKeyFile and kmsKeyId. */
    signingKeyPem: string | undefined;
    /** The same key in a file, e.g. one mounted from a secret store. */
    signingKeyFile: string | undefined;
    kmsKeyId: string | undefined;
    /** The emails' language when the browser asks for none of theirs (en, de, fr, es, ja). */
    locale: string;
    /**
     * Rate limits of POST /magic-links: the gap between emails to an address, emails an hour to an
     * address (from anywhere, and from one client network: fewer, so that no one network can use up an
     * address's emails), and requests an hour from one client network (an IPv4 address, an IPv6 /64).
     */
    minSecondsBetweenEmails: number;
    maxEmailsPerAddressPerHour: number;
    maxEmailsPerAddressPerIpPerHour: number;
    maxRequestsPerIpPerHour: number;
    /**
     * Wrong codes a day per account typed anywhere but in the browser that asked for the code (that
     * browser has three tries per email of its own, which no one else can use up).
     */
    maxFailedCodesPerDay: number;
  };
  sms: {
    /** Phone number, sender ID or pool (id or ARN) texts come from; unset, the service picks the account's. */
    originationIdentity: string | undefined;
    /** An End User Messaging configuration set: event destinations (delivery, spend) and protect rules. */
    configurationSetName: string | undefined;
    /** US dollars one text may cost at most (the service refuses dearer routes), as the API writes it: "0.20". */
    maxPrice: string;
    /** E.164 prefixes texts may go to (see DEFAULT_ALLOWED_PREFIXES); empty, no texts at all. */
    allowedPrefixes: string[];
    /** Prefixes inside those that texts never go to: premium and special-rate ranges. */
    blockedPrefixes: string[];
    /** How long a texted code lasts. */
    codeExpirySeconds: number;
    /**
     * Hourly budgets of POST /sms-codes, each counted before any text: texts to one number, to one
     * range of 10,000 numbers, requests from one client network, and texts in all (the spend ceiling).
     */
    maxPerNumberPerHour: number;
    maxPerRangePerHour: number;
    maxPerIpPerHour: number;
    maxPerHour: number;
  };
}

type Env = Record<string, string | undefined>;

/** The community list of passkey authenticators by AAGUID (names and icons), as its maintainers publish it. */
export const PUBLISHED_AAGUID_LIST =
  "https://raw.githubusercontent.com/passkeydeveloper/passkey-authenticator-aaguids/main/combined_aaguid.json";

export class ConfigError extends Error {
  override name = "ConfigError";
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value === "") throw new ConfigError(`${name} is required`);
  return value;
}

function list(env: Env, name: string, fallback?: string[]): string[] {
  const value = env[name];
  if (value === undefined || value === "") {
    if (fallback) return fallback;
    throw new ConfigError(`${name} is required`);
  }
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name] ?? fallback;
  if (!allowed.includes(value as T)) throw new ConfigError(`${name} must be one of ${allowed.join(", ")}`);
  return value as T;
}

function seconds(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer`);
  return value;
}

/** The SendTextMessage MaxPrice format: up to two whole and five fractional digits of US dollars. */
function maxPrice(env: Env): string {
  const value = env.LATCHKEY_SMS_MAX_PRICE || "0.20";
  if (!/^[0-9]{0,2}\.[0-9]{1,5}$/.test(value))
    throw new ConfigError("LATCHKEY_SMS_MAX_PRICE must be US dollars like 0.20");
  return value;
}

const PREFIX = /^\+[0-9]{1,14}$/;

function prefixes(env: Env, name: string, fallback: string[]): string[] {
  if (env[name] === undefined) return fallback;
  const values = (env[name] as string)
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  const bad = values.find((value) => !PREFIX.test(value));
  if (bad !== undefined) throw new ConfigError(`${name}: "${bad}" is not an E.164 prefix like +44`);
  return values;
}

/**
 * The counters of an hour share one item (see countSmsRequest), a few dozen bytes per text: this
 * ceiling keeps it far below DynamoDB's 400 KB an item.
 */
const MAX_SMS_PER_HOUR = 5000;

function smsSettings(env: Env): LatchkeyConfig["sms"] {
  const maxPerHour = seconds(env, "LATCHKEY_SMS_MAX_HOURLY", 100);
  if (maxPerHour > MAX_SMS_PER_HOUR)
    throw new ConfigError(`LATCHKEY_SMS_MAX_HOURLY must be at most ${MAX_SMS_PER_HOUR}`);
  return {
    originationIdentity: env.LATCHKEY_SMS_ORIGINATION_IDENTITY || undefined,
    configurationSetName: env.LATCHKEY_SMS_CONFIGURATION_SET || undefined,
    maxPrice: maxPrice(env),
    allowedPrefixes: prefixes(env, "LATCHKEY_SMS_ALLOWED_PREFIXES", DEFAULT_ALLOWED_PREFIXES),
    blockedPrefixes: prefixes(env, "LATCHKEY_SMS_BLOCKED_PREFIXES", DEFAULT_BLOCKED_PREFIXES),
    // At most 15 minutes: a six-digit code must not live long.
    codeExpirySeconds: Math.min(seconds(env, "LATCHKEY_SMS_CODE_EXPIRY_SECONDS", 300), 900),
    maxPerNumberPerHour: seconds(env, "LATCHKEY_SMS_MAX_PER_NUMBER_HOURLY", 5),
    maxPerRangePerHour: seconds(env, "LATCHKEY_SMS_MAX_PER_RANGE_HOURLY", 20),
    maxPerIpPerHour: seconds(env, "LATCHKEY_SMS_MAX_PER_IP_HOURLY", 10),
    maxPerHour,
  };
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (raw !== "true" && raw !== "false") throw new ConfigError(`${name} must be true or false`);
  return raw === "true";
}

/** Related origins are web origins the api already serves (CORS), each once. */
function relatedOrigins(env: Env, allowedOrigins: string[]): string[] {
  const name = "LATCHKEY_RELATED_ORIGINS";
  const origins = list(env, name, []);
  for (const origin of origins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin || !isWebUrl(new URL(origin))) {
      throw new ConfigError(`${name}: "${origin}" is not an origin like https://example.co.uk`);
    }
    if (!allowedOrigins.includes(origin)) {
      throw new ConfigError(`${name}: "${origin}" must be one of LATCHKEY_ALLOWED_ORIGINS too`);
    }
  }
  return [...new Set(origins)];
}

const HINTS: readonly WebAuthnHint[] = ["security-key", "client-device", "hybrid"];

function hints(env: Env): WebAuthnHint[] {
  const chosen = list(env, "LATCHKEY_WEBAUTHN_HINTS", []);
  const unknown = chosen.find((hint) => !HINTS.includes(hint as WebAuthnHint));
  if (unknown !== undefined)
    throw new ConfigError(`LATCHKEY_WEBAUTHN_HINTS: "${unknown}" is not one of ${HINTS.join(", ")}`);
  return [...new Set(chosen)] as WebAuthnHint[];
}

/** The gap may be raised, never lowered: one email a minute is the floor the product promises. */
function minSecondsBetweenEmails(env: Env): number {
  const gap = seconds(env, "LATCHKEY_LINK_MIN_GAP_SECONDS", 60);
  if (gap < 60) throw new ConfigError("LATCHKEY_LINK_MIN_GAP_SECONDS must be at least 60: one email a minute at most");
  return gap;
}

/**
 * 20 by default, as Cognito's own passkeys page them; at most 100, so that sign-in options (which list
 * every passkey of the user) stay a few kilobytes.
 */
function maxPasskeysPerUser(env: Env): number {
  const value = seconds(env, "LATCHKEY_MAX_PASSKEYS_PER_USER", 20);
  if (value > 100) throw new ConfigError("LATCHKEY_MAX_PASSKEYS_PER_USER must be at most 100");
  return value;
}

const isWebUrl = (url: URL) => url.protocol === "https:" || url.protocol === "http:";

/**
 * LATCHKEY_REDIRECT_ALLOWLIST: http(s) URLs with no credentials, query or fragment, kept as the URL
 * parser writes them. `https://app.example.com` allows the whole origin; `https://app.example.com/signed-in`
 * allows /signed-in, /signed-in?next=... and /signed-in/... (not /signed-in-other); a path ending in `/`
 * allows what lies under it. Unset, it is the allowed origins that are web origins, each as a whole (an
 * app's `android:apk-key-hash:` origin is no place to send a browser).
 */
function redirectAllowlist(env: Env, allowedOrigins: string[]): string[] {
  const name = "LATCHKEY_REDIRECT_ALLOWLIST";
  if (!env[name]) {
    return allowedOrigins.flatMap((origin) => {
      const url = URL.canParse(origin) ? new URL(origin) : undefined;
      return url && isWebUrl(url) ? [url.href] : [];
    });
  }
  return list(env, name).map((entry) => {
    if (!URL.canParse(entry)) throw new ConfigError(`${name}: "${entry}" is not a URL`);
    const url = new URL(entry);
    if (!isWebUrl(url) || url.username || url.password || entry.includes("?") || entry.includes("#")) {
      throw new ConfigError(`${name}: "${entry}" must be an http(s) URL with no credentials, query or fragment`);
    }
    return url.href;
  });
}

/** CloudWatch's rule for a namespace: printable ASCII of these kinds, and not AWS's own. */
const NAMESPACE = /^[0-9A-Za-z.\-_/#: ]{1,255}$/;

/** Where the metrics go unless LATCHKEY_METRICS_NAMESPACE says otherwise. */
export const DEFAULT_METRICS_NAMESPACE = "Latchkey";

function metricsNamespace(env: Env): string {
  const value = env.LATCHKEY_METRICS_NAMESPACE || DEFAULT_METRICS_NAMESPACE;
  if (!NAMESPACE.test(value) || value.trim() === "" || value.startsWith("AWS/")) {
    throw new ConfigError(
      "LATCHKEY_METRICS_NAMESPACE must be up to 255 letters, digits, spaces or . - _ / # : and not start with AWS/",
    );
  }
  return value;
}

/** An event bus as PutEvents takes it: its name, or its ARN. */
const EVENT_BUS =
  /^(?:[/.\-_A-Za-z0-9]{1,256}|arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[/.\-_A-Za-z0-9]{1,256})$/;

/** An event costs a sign-in at most this long, whatever LATCHKEY_AUDIT_EVENTS_TIMEOUT_MS says. */
const MAX_AUDIT_EVENT_TIMEOUT_MS = 1000;

/** LATCHKEY_EVENT_BUS and LATCHKEY_AUDIT_EVENTS_TIMEOUT_MS, for every function that sends audit events. */
export function auditEventsConfig(env: Env): LatchkeyConfig["auditEvents"] {
  const eventBus = env.LATCHKEY_EVENT_BUS || undefined;
  if (eventBus !== undefined && !EVENT_BUS.test(eventBus)) {
    throw new ConfigError("LATCHKEY_EVENT_BUS must be an event bus name or ARN");
  }
  const timeoutMs = seconds(env, "LATCHKEY_AUDIT_EVENTS_TIMEOUT_MS", 500);
  if (timeoutMs > MAX_AUDIT_EVENT_TIMEOUT_MS) {
    throw new ConfigError(`LATCHKEY_AUDIT_EVENTS_TIMEOUT_MS must be at most ${MAX_AUDIT_EVENT_TIMEOUT_MS}`);
  }
  return { eventBus, timeoutMs };
}

/** Two attempts of 2 seconds, with the retry's back-off, still end before Cognito's 5 seconds are up. */
const MAX_AWS_REQUEST_TIMEOUT_MS = 2000;

/** LATCHKEY_AWS_REQUEST_TIMEOUT_MS and LATCHKEY_AWS_CONNECTION_TIMEOUT_MS, for every entry's SDK clients. */
export function awsTimeouts(env: Env): LatchkeyConfig["aws"] {
  const requestTimeoutMs = seconds(env, "LATCHKEY_AWS_REQUEST_TIMEOUT_MS", 1500);
  if (requestTimeoutMs > MAX_AWS_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(`LATCHKEY_AWS_REQUEST_TIMEOUT_MS must be at most ${MAX_AWS_REQUEST_TIMEOUT_MS}`);
  }
  const connectionTimeoutMs = seconds(env, "LATCHKEY_AWS_CONNECTION_TIMEOUT_MS", Math.min(1000, requestTimeoutMs));
  if (connectionTimeoutMs > requestTimeoutMs) {
    throw new ConfigError("LATCHKEY_AWS_CONNECTION_TIMEOUT_MS must not exceed LATCHKEY_AWS_REQUEST_TIMEOUT_MS");
  }
  return { connectionTimeoutMs, requestTimeoutMs };
}

export function parseConfig(env: Env): LatchkeyConfig {
  const region = required(env, "LATCHKEY_REGION");
  const userPoolId = required(env, "LATCHKEY_USER_POOL_ID");
  const challengeSecret = required(env, "LATCHKEY_CHALLENGE_SECRET");
  if (Buffer.from(challengeSecret, "base64").length < 32) {
    throw new ConfigError("LATCHKEY_CHALLENGE_SECRET must be at least 32 bytes, base64");
  }
  const allowedOrigins = list(env, "LATCHKEY_ALLOWED_ORIGINS");
  const signingKeys = ["LATCHKEY_KMS_KEY_ID", "LATCHKEY_SIGNING_KEY_PEM", "LATCHKEY_SIGNING_KEY_FILE"];
  if (signingKeys.filter((name) => env[name]).length > 1) {
    throw new ConfigError(`set one of ${signingKeys.join(", ")}: which key signs links must not be a guess`);
  }
  const maxEmailsPerAddressPerHour = seconds(env, "LATCHKEY_LINK_MAX_PER_ADDRESS_HOURLY", 10);
  const maxEmailsPerAddressPerIpPerHour = seconds(env, "LATCHKEY_LINK_MAX_PER_ADDRESS_PER_IP_HOURLY", 3);
  if (maxEmailsPerAddressPerIpPerHour >= maxEmailsPerAddressPerHour) {
    throw new ConfigError(
      "LATCHKEY_LINK_MAX_PER_ADDRESS_PER_IP_HOURLY must be below LATCHKEY_LINK_MAX_PER_ADDRESS_HOURLY: one network must not use up an address's emails",
    );
  }
  return {
    region,
    userPoolId,
    clientIds: list(env, "LATCHKEY_CLIENT_IDS"),
    cognitoEndpoint: env.LATCHKEY_COGNITO_ENDPOINT || undefined,
    issuer: env.LATCHKEY_ISSUER || `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
    tableName: required(env, "LATCHKEY_TABLE_NAME"),
    dynamodbEndpoint: env.LATCHKEY_DYNAMODB_ENDPOINT || undefined,
    sesEndpoint: env.LATCHKEY_SES_ENDPOINT || undefined,
    smsEndpoint: env.LATCHKEY_SMS_ENDPOINT || undefined,
    eventsEndpoint: env.LATCHKEY_EVENTS_ENDPOINT || undefined,
    metricsNamespace: metricsNamespace(env),
    auditEvents: auditEventsConfig(env),
    aws: awsTimeouts(env),
    passkeys: {
      relyingPartyIds: list(env, "LATCHKEY_RP_IDS"),
      relyingPartyName: env.LATCHKEY_RP_NAME || "Latchkey",
      allowedOrigins,
      userVerification: oneOf(env, "LATCHKEY_USER_VERIFICATION", ["required", "preferred", "discouraged"], "required"),
      residentKey: oneOf(env, "LATCHKEY_RESIDENT_KEY", ["required", "preferred", "discouraged"], "preferred"),
      attestation: oneOf(env, "LATCHKEY_ATTESTATION", ["none", "direct"], "none"),
      attestationRootsFile: env.LATCHKEY_ATTESTATION_ROOTS_FILE || undefined,
      challengeSecret,
      challengeTtlSeconds: Math.min(seconds(env, "LATCHKEY_CHALLENGE_TTL_SECONDS", 300), 300),
      recentSignInSeconds: seconds(env, "LATCHKEY_RECENT_SIGN_IN_SECONDS", 600),
      aaguidSource: env.LATCHKEY_AAGUID_SOURCE ?? PUBLISHED_AAGUID_LIST,
      maxPasskeysPerUser: maxPasskeysPerUser(env),
      relatedOrigins: relatedOrigins(env, allowedOrigins),
      hints: hints(env),
      notices: flag(env, "LATCHKEY_PASSKEY_NOTICES", true),
      authenticatorAttachment: env.LATCHKEY_AUTHENTICATOR_ATTACHMENT
        ? oneOf<AuthenticatorAttachment>(
            env,
            "LATCHKEY_AUTHENTICATOR_ATTACHMENT",
            ["platform", "cross-platform"],
            "platform",
          )
        : undefined,
    },
    magicLinks: {
      senderAddress: required(env, "LATCHKEY_SENDER_ADDRESS"),
      configurationSetName: env.LATCHKEY_SES_CONFIGURATION_SET || undefined,
      redirectAllowlist: redirectAllowlist(env, allowedOrigins),
      expirySeconds: seconds(env, "LATCHKEY_LINK_EXPIRY_SECONDS", 600),
      binding: oneOf(env, "LATCHKEY_LINK_BINDING", ["same-browser", "any-browser"], "any-browser"),
      allowSignUp: flag(env, "LATCHKEY_ALLOW_SIGN_UP", false),
      addressLookupMaxAgeSeconds: seconds(env, "LATCHKEY_ADDRESS_LOOKUP_MAX_AGE_SECONDS", 86_400),
      signingKeyPem: env.LATCHKEY_SIGNING_KEY_PEM || undefined,
      signingKeyFile: env.LATCHKEY_SIGNING_KEY_FILE || undefined,
      kmsKeyId: env.LATCHKEY_KMS_KEY_ID || undefined,
      // The emails' language when the browser asks for none they are written in: one they are written in.
      locale: oneOf(env, "LATCHKEY_LOCALE", Object.keys(emailLocales), "en"),
      minSecondsBetweenEmails: minSecondsBetweenEmails(env),
      maxEmailsPerAddressPerHour,
      maxEmailsPerAddressPerIpPerHour,
      maxRequestsPerIpPerHour: seconds(env, "LATCHKEY_LINK_MAX_PER_IP_HOURLY", 100),
      maxFailedCodesPerDay: seconds(env, "LATCHKEY_CODE_MAX_FAILURES_DAILY", 10),
    },
    sms: smsSettings(env),
  };
}

let cached: LatchkeyConfig | undefined;

/** The process-wide config, parsed from process.env on first use. */
export function getConfig(): LatchkeyConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
