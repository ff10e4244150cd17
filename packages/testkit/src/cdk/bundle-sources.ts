import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The source files a deployed bundle was built from, read from its source maps: exactly the modules
 * esbuild kept after tree shaking, in every chunk, loaded eagerly or lazily.
 */
export function bundleSources(assetDir: string): string[] {
  const sources = new Set<string>();
  for (const file of readdirSync(assetDir, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".map")) continue;
    const map = JSON.parse(readFileSync(join(assetDir, file), "utf8")) as { sources: string[] };
    for (const source of map.sources) sources.add(resolve(dirname(join(assetDir, file)), source));
  }
  return [...sources].sort();
}

/** The IAM prefix of each AWS SDK client our code uses. */
const iamPrefix: Record<string, string> = {
  "client-dynamodb": "dynamodb",
  "client-kms": "kms",
  "client-sesv2": "ses",
  "client-cognito-identity-provider": "cognito-idp",
  "client-pinpoint-sms-voice-v2": "sms-voice",
  "client-eventbridge": "events",
};

/** Cognito authorizes these with the user's access token and evaluates no IAM policy for them. */
const tokenAuthorizedCalls = new Set(["cognito-idp:GetUser"]);

/**
 * The AWS API calls our own modules in a bundle can make: every `XxxCommand` they import from an AWS
 * SDK client (`import { … } from` or, for a client loaded on first use, `const { … } = await import(…)`),
 * as the IAM action `prefix:Xxx`, leaving out those no IAM policy governs unless
 * `tokenAuthorized`. Dependencies (node_modules) are not ours and are skipped.
 */
export function sdkCallsIn(sources: string[], options: { tokenAuthorized?: boolean } = {}): Set<string> {
  const calls = new Set<string>();
  for (const source of sources.filter((path) => !path.includes("/node_modules/"))) {
    const text = readFileSync(source, "utf8");
    const imports =
      /(?:import\s+(type\s+)?\{([^}]*)\}\s*from\s*|\{([^}]*)\}\s*=\s*await\s+import\(\s*)"@aws-sdk\/([\w-]+)"/g;
    for (const match of text.matchAll(imports)) {
      const [, typeOnly, imported, loaded, sdkPackage = ""] = match;
      const names = imported ?? loaded ?? "";
      if (typeOnly || !sdkPackage.startsWith("client-")) continue;
      const prefix = iamPrefix[sdkPackage];
      if (!prefix) throw new Error(`${source} imports @aws-sdk/${sdkPackage}: add its IAM prefix here`);
      for (const name of names.split(",").map((part) => part.trim())) {
        const command = /^(\w+)Command$/.exec(name);
        const call = command && `${prefix}:${command[1]}`;
        if (call && (options.tokenAuthorized || !tokenAuthorizedCalls.has(call))) calls.add(call);
      }
    }
  }
  return calls;
}
