import { auditEventsConfig, awsTimeouts, ConfigError, type LatchkeyConfig, PUBLISHED_AAGUID_LIST } from "../config.ts";

/**
 * What the admin API reads from the environment: the pool, the table, where they are, the AAGUID
 * list that names authenticators, and the audit events' bus. No secret and no key: it neither signs nor checks anything, so its
 * function is given none (a full LatchkeyConfig, as the local stack has, serves as one too).
 */
export type AdminConfig = Pick<
  LatchkeyConfig,
  | "region"
  | "userPoolId"
  | "tableName"
  | "cognitoEndpoint"
  | "dynamodbEndpoint"
  | "eventsEndpoint"
  | "aws"
  | "auditEvents"
> & { passkeys: Pick<LatchkeyConfig["passkeys"], "aaguidSource"> };

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(`${name} is required`);
  return value;
}

/** The admin API's config from its function's environment, checked at cold start as parseConfig is. */
export function parseAdminConfig(env: Env): AdminConfig {
  return {
    region: required(env, "LATCHKEY_REGION"),
    userPoolId: required(env, "LATCHKEY_USER_POOL_ID"),
    tableName: required(env, "LATCHKEY_TABLE_NAME"),
    cognitoEndpoint: env.LATCHKEY_COGNITO_ENDPOINT || undefined,
    dynamodbEndpoint: env.LATCHKEY_DYNAMODB_ENDPOINT || undefined,
    eventsEndpoint: env.LATCHKEY_EVENTS_ENDPOINT || undefined,
    aws: awsTimeouts(env),
    auditEvents: auditEventsConfig(env),
    passkeys: { aaguidSource: env.LATCHKEY_AAGUID_SOURCE ?? PUBLISHED_AAGUID_LIST },
  };
}
