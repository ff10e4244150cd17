import { generateKeyPairSync, randomBytes } from "node:crypto";
import { type LatchkeyConfig, parseConfig } from "@latchkey/core";

export interface LocalEndpoints {
  cognito: string;
  issuer: string;
  dynamodb: string;
  ses: string;
  sms: string;
  events: string;
  app: string;
}

export const LOCAL_REGION = "us-east-1";
export const LOCAL_POOL_ID = "us-east-1_Latchkey1";
export const LOCAL_CLIENT_ID = "latchkeylocalclient0000001";
export const LOCAL_TABLE = "latchkey";

/**
 * The IAM credentials the local admin API accepts, the ones the stack's own SDK clients sign with by
 * default, and the principal they stand for in its requests' authorizer context.
 */
export const LOCAL_ADMIN_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;
export const LOCAL_ADMIN_PRINCIPAL = { accountId: "000000000000", userArn: "arn:aws:iam::000000000000:user/local" };

/**
 * The config the local stack runs the api and triggers with: the same parser as in AWS, fed the local
 * endpoints, the demo's origin and any others given, fresh secrets per start, sign-up allowed, and any
 * LATCHKEY_* overrides.
 */
export function localConfig(
  endpoints: LocalEndpoints,
  overrides: Record<string, string> = {},
  origins: string[] = [],
): LatchkeyConfig {
  const { privateKey } = generateKeyPairSync("ed25519");
  return parseConfig({
    LATCHKEY_REGION: LOCAL_REGION,
    LATCHKEY_USER_POOL_ID: LOCAL_POOL_ID,
    LATCHKEY_CLIENT_IDS: LOCAL_CLIENT_ID,
    LATCHKEY_COGNITO_ENDPOINT: endpoints.cognito,
    LATCHKEY_ISSUER: endpoints.issuer,
    LATCHKEY_TABLE_NAME: LOCAL_TABLE,
    LATCHKEY_DYNAMODB_ENDPOINT: endpoints.dynamodb,
    LATCHKEY_SES_ENDPOINT: endpoints.ses,
    LATCHKEY_SMS_ENDPOINT: endpoints.sms,
    LATCHKEY_EVENTS_ENDPOINT: endpoints.events,
    // Audit events go to the stack's bus, whose page and feed show them.
    LATCHKEY_EVENT_BUS: "default",
    LATCHKEY_RP_IDS: "localhost",
    LATCHKEY_RP_NAME: "Latchkey (local)",
    LATCHKEY_ALLOWED_ORIGINS: [endpoints.app, ...origins].join(","),
    LATCHKEY_CHALLENGE_SECRET: randomBytes(32).toString("base64"),
    LATCHKEY_SENDER_ADDRESS: "no-reply@latchkey.local",
    LATCHKEY_ALLOW_SIGN_UP: "true",
    LATCHKEY_SIGNING_KEY_PEM: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    LATCHKEY_AAGUID_SOURCE: process.env.LATCHKEY_AAGUID_SOURCE ?? "",
    ...overrides,
  });
}
