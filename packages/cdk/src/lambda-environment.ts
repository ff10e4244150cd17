import { parseConfig } from "@latchkey/core";
import { Token } from "aws-cdk-lib";
import { fromAddress } from "./email-settings.ts";
import type { LatchkeyProps } from "./latchkey-props.ts";

/** What the environment needs from the deployed resources. */
export interface DeployedNames {
  region: string;
  userPoolId: string;
  clientId: string;
  tableName: string;
  kmsKeyArn: string;
  /** A CloudFormation dynamic reference, resolved at deploy time (see latchkey.ts). */
  challengeSecret: string;
  /** The SES configuration set the construct creates for the api's emails. */
  emailConfigurationSet: string;
  /** Where the functions' metrics go (see metricsNamespace). */
  metricsNamespace: string;
}

/** Core's minimum for a challenge key, standing in for the secret when the config is checked at synth. */
const SECRET_PLACEHOLDER = Buffer.alloc(32, 1).toString("base64");

/**
 * The LATCHKEY_* variables both functions read at cold start (core/src/config.ts). Only settings the
 * props name are set, so core stays the one place that holds defaults. The result is run through
 * core's own parser here, so a bad setting fails `cdk synth` instead of every cold start in AWS.
 */
export function lambdaEnvironment(props: LatchkeyProps, names: DeployedNames): Record<string, string> {
  assertOrigins(props.allowedOrigins);
  assertRelyingPartyIds(props.relyingPartyIds, props.allowedOrigins, props.passkeys?.relatedOrigins ?? []);
  const { magicLinks, passkeys = {} } = props;
  const limits = magicLinks.rateLimits ?? {};
  const text = (value: number | undefined) => (value === undefined ? undefined : String(value));
  const env: Record<string, string | undefined> = {
    LATCHKEY_REGION: names.region,
    LATCHKEY_USER_POOL_ID: names.userPoolId,
    LATCHKEY_CLIENT_IDS: names.clientId,
    LATCHKEY_TABLE_NAME: names.tableName,
    LATCHKEY_KMS_KEY_ID: names.kmsKeyArn,
    LATCHKEY_CHALLENGE_SECRET: names.challengeSecret,
    LATCHKEY_ALLOWED_ORIGINS: props.allowedOrigins.join(","),
    LATCHKEY_RP_IDS: props.relyingPartyIds.join(","),
    LATCHKEY_RP_NAME: passkeys.relyingPartyName,
    LATCHKEY_USER_VERIFICATION: passkeys.userVerification,
    LATCHKEY_RESIDENT_KEY: passkeys.residentKey,
    LATCHKEY_ATTESTATION: passkeys.attestation,
    LATCHKEY_MAX_PASSKEYS_PER_USER: text(passkeys.maxPasskeysPerUser),
    LATCHKEY_RECENT_SIGN_IN_SECONDS: passkeys.recentSignIn && String(passkeys.recentSignIn.toSeconds()),
    LATCHKEY_RELATED_ORIGINS: passkeys.relatedOrigins?.join(","),
    LATCHKEY_WEBAUTHN_HINTS: passkeys.hints?.join(","),
    LATCHKEY_AUTHENTICATOR_ATTACHMENT: passkeys.authenticatorAttachment,
    LATCHKEY_PASSKEY_NOTICES: passkeys.notices === undefined ? undefined : String(passkeys.notices),
    LATCHKEY_SENDER_ADDRESS: fromAddress(magicLinks.senderAddress, props.email?.senderName),
    LATCHKEY_LOCALE: props.email?.defaultLocale,
    LATCHKEY_SES_CONFIGURATION_SET: names.emailConfigurationSet,
    LATCHKEY_METRICS_NAMESPACE: names.metricsNamespace,
    LATCHKEY_REDIRECT_ALLOWLIST: magicLinks.redirectAllowlist?.join(","),
    LATCHKEY_LINK_EXPIRY_SECONDS: magicLinks.expiry && String(magicLinks.expiry.toSeconds()),
    LATCHKEY_LINK_BINDING: magicLinks.binding,
    LATCHKEY_LINK_MIN_GAP_SECONDS: text(limits.minSecondsBetweenEmails),
    LATCHKEY_LINK_MAX_PER_ADDRESS_HOURLY: text(limits.maxEmailsPerAddressPerHour),
    LATCHKEY_LINK_MAX_PER_ADDRESS_PER_IP_HOURLY: text(limits.maxEmailsPerAddressPerIpPerHour),
    LATCHKEY_LINK_MAX_PER_IP_HOURLY: text(limits.maxRequestsPerIpPerHour),
    LATCHKEY_CODE_MAX_FAILURES_DAILY: text(limits.maxFailedCodesPerDay),
    LATCHKEY_ALLOW_SIGN_UP: String(props.allowSignUp ?? false),
    LATCHKEY_SMS_ORIGINATION_IDENTITY: props.sms?.originationIdentity,
    LATCHKEY_SMS_CONFIGURATION_SET: props.sms?.configurationSet,
    // Stack traces in the logs point into the TypeScript sources.
    NODE_OPTIONS: "--enable-source-maps",
  };
  const defined = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  try {
    parseConfig({ ...defined, LATCHKEY_CHALLENGE_SECRET: SECRET_PLACEHOLDER });
  } catch (error) {
    throw new Error(`Latchkey: invalid settings: ${(error as Error).message}`);
  }
  return defined;
}

/** CORS and WebAuthn compare origins byte for byte: a trailing slash or a path never matches. */
function assertOrigins(origins: string[]) {
  if (origins.length === 0) throw new Error("Latchkey: allowedOrigins must name at least one origin");
  for (const origin of origins) {
    if (Token.isUnresolved(origin)) continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {}
    if (parsed?.origin !== origin) {
      throw new Error(`Latchkey: allowedOrigins: "${origin}" is not an origin like https://app.example.com`);
    }
  }
}

/** A host name: what an RP ID is (no scheme, port or path), lower case as browsers compare it. */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Browsers let a page use an RP ID only when it is the page's host or a suffix of it, or one of the
 * RP ID's related origins: an RP ID that is a URL, or an origin no RP ID covers, fails every passkey
 * ceremony in production.
 */
function assertRelyingPartyIds(rpIds: string[], origins: string[], related: string[]) {
  // None at all is core's to refuse; a value known only at deploy time cannot be checked here.
  if (rpIds.length === 0 || [...rpIds, ...origins].some((value) => Token.isUnresolved(value))) return;
  for (const rpId of rpIds) {
    if (!HOST_NAME.test(rpId)) {
      throw new Error(
        `Latchkey: relyingPartyIds: "${rpId}" is not a host name like example.com (no scheme, port or path)`,
      );
    }
  }
  for (const origin of origins.filter((origin) => !related.includes(origin))) {
    const { hostname } = new URL(origin);
    if (!rpIds.some((rpId) => hostname === rpId || hostname.endsWith(`.${rpId}`))) {
      throw new Error(
        `Latchkey: allowedOrigins: no relying party ID covers ${origin} (its host or a parent domain of it), and it is no related origin: passkeys would fail there`,
      );
    }
  }
}
