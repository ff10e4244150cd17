/**
 * What a fresh Node process timing a bundled handler starts with: no warnings, local AWS credentials
 * (nothing here reaches AWS), and the settings every Latchkey function needs, for a bench pool; each
 * bench adds its table, keys and origins.
 */
export const freshProcessEnv = (settings: Record<string, string>): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  NODE_NO_WARNINGS: "1",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
  LATCHKEY_REGION: "us-east-1",
  LATCHKEY_USER_POOL_ID: "us-east-1_bench",
  LATCHKEY_CLIENT_IDS: "benchclient",
  LATCHKEY_SENDER_ADDRESS: "no-reply@example.com",
  ...settings,
});
