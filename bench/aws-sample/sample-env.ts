import { SAMPLE_KMS_KEY_ID } from "./start-bench-kms.ts";

export const SAMPLE_TABLES = { authenticators: "sample-authenticators", secrets: "sample-secrets" };

/**
 * The environment the sample's CDK construct (amazon-cognito-passwordless-auth 0.17.0, lib/
 * cognito-passwordless.js) gives its Lambdas, with FIDO2 and magic links on and its defaults kept:
 * user verification required, credential IDs exposed in the challenge, 15-minute links, one link a
 * minute. Its handlers read this at module scope, so it is set before they are imported. LOG_LEVEL
 * ERROR rather than its INFO: its handlers then log as little as ours do on success.
 */
export function sampleEnv(urls: { origin: string; dynamodb: string; ses: string; kms: string }) {
  return {
    AWS_REGION: "us-east-1",
    // The SDK's per-service endpoint settings: how its clients, built with `{}`, reach the local services.
    AWS_ENDPOINT_URL_DYNAMODB: urls.dynamodb,
    AWS_ENDPOINT_URL_SES: urls.ses,
    AWS_ENDPOINT_URL_KMS: urls.kms,
    LOG_LEVEL: "ERROR",
    STACK_ID: "arn:aws:cloudformation:us-east-1:000000000000:stack/passwordless-bench/0",
    ALLOWED_ORIGINS: urls.origin,
    ALLOWED_APPLICATION_ORIGINS: "",
    ALLOWED_RELYING_PARTY_IDS: "localhost",
    RELYING_PARTY_NAME: "bench",
    FIDO2_ENABLED: "TRUE",
    DYNAMODB_AUTHENTICATORS_TABLE: SAMPLE_TABLES.authenticators,
    USER_VERIFICATION: "required",
    EXPOSE_USER_CREDENTIAL_IDS: "TRUE",
    SIGN_IN_TIMEOUT: "120000",
    ATTESTATION: "none",
    AUTHENTICATOR_REGISTRATION_TIMEOUT: "300000",
    MAGIC_LINK_ENABLED: "TRUE",
    SES_FROM_ADDRESS: "no-reply@latchkey.local",
    SES_REGION: "us-east-1",
    KMS_KEY_ID: SAMPLE_KMS_KEY_ID,
    DYNAMODB_SECRETS_TABLE: SAMPLE_TABLES.secrets,
    SECONDS_UNTIL_EXPIRY: "900",
    MIN_SECONDS_BETWEEN: "60",
  };
}

/** The handler modules the sample's construct deploys, by the name the bench gives each. */
export const SAMPLE_HANDLERS = {
  challengeApi: "fido2-challenge-api.js",
  credentialsApi: "fido2-credentials-api.js",
  define: "define-auth-challenge.js",
  create: "create-auth-challenge.js",
  verify: "verify-auth-challenge-response.js",
} as const;

const handlerDir = new URL(
  "../../node_modules/amazon-cognito-passwordless-auth/dist/cdk/custom-auth/",
  import.meta.url,
);

export const sampleHandlerPath = (file: string) => new URL(file, handlerDir).pathname;
