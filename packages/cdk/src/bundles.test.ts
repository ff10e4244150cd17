import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { bundleSources, createTestApp, type SynthesizedStack } from "@latchkey/testkit/cdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const testApp = createTestApp();
let synth: SynthesizedStack;
let apiDir: string;
let triggersDir: string;
let environment: Record<string, string>;

beforeAll(() => {
  synth = testApp.synth("Bundles");
  apiDir = synth.assetDir(synth.logicalId(synth.latchkey.apiFunction));
  triggersDir = synth.assetDir(synth.logicalId(synth.latchkey.triggerFunction));
  // The deployed environment, with stand-ins for what only exists once deployed.
  const deployed = synth.json.Resources[synth.logicalId(synth.latchkey.apiFunction)]?.Properties?.Environment as {
    Variables: Record<string, unknown>;
  };
  environment = Object.fromEntries(
    Object.entries(deployed.Variables).map(([name, value]) => [name, typeof value === "string" ? value : "deployed"]),
  );
  environment.LATCHKEY_CHALLENGE_SECRET = Buffer.alloc(32, 9).toString("base64");
  environment.LATCHKEY_KMS_KEY_ID = "arn:aws:kms:eu-west-1:111111111111:key/deployed";
  environment.LATCHKEY_USER_POOL_ID = "eu-west-1_Deployed";
  environment.LATCHKEY_AAGUID_SOURCE = "";
});
afterAll(() => testApp.cleanup());

/** The files a module loads before it runs: static imports, transitively; `import()` targets are not. */
function staticClosure(file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const imported of imports(file).static) staticClosure(imported, into);
  return into;
}

/** Every file a module may ever load, `import()` included. */
function reachable(file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const imported of [...imports(file).static, ...imports(file).dynamic]) reachable(imported, into);
  return into;
}

function imports(file: string) {
  const code = readFileSync(file, "utf8");
  const paths = (pattern: RegExp) => [...code.matchAll(pattern)].map((m) => resolve(dirname(file), m[1] as string));
  return {
    static: paths(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*${},\s]+from\s*)?"(\.\.?\/[^"]+)"/g),
    dynamic: paths(/import\("(\.\.?\/[^"]+)"\)/g),
  };
}

function sourcesOf(files: Iterable<string>): string[] {
  return [...files].flatMap((file) => {
    const map = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[] };
    return map.sources.map((source) => resolve(dirname(file), source));
  });
}

/** Runs a script against a bundle in a fresh Node process, as Lambda would, and returns its JSON output. */
function runInNode(script: string, extraEnvironment: Record<string, string> = {}): unknown {
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH, NODE_NO_WARNINGS: "1", ...environment, ...extraEnvironment },
    // The handler logs a refused call to stderr; the test reads only what the script prints.
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  return JSON.parse(output.trim().split("\n").at(-1) ?? "null");
}

const simpleWebAuthn = (source: string) => source.includes("/node_modules/@simplewebauthn/server/");

/** An API Gateway HTTP API (payload 2.0) request without a body. */
function apiGatewayEvent(method: string, path: string) {
  return {
    version: "2.0",
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: "",
    headers: { host: "api.example.com", origin: "https://app.example.com" },
    requestContext: {
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "test" },
      domainName: "api.example.com",
      requestId: "r-1",
      routeKey: `${method} ${path}`,
      stage: "$default",
    },
    isBase64Encoded: false,
  };
}

describe("trigger bundle", () => {
  it("loads @simplewebauthn/server only in the lazily imported passkey verifier chunk", () => {
    const index = join(triggersDir, "index.mjs");
    const eager = staticClosure(index);
    expect(sourcesOf(eager).some(simpleWebAuthn)).toBe(false);

    const lazy = imports(index).dynamic;
    const passkeyChunk = lazy.find((chunk) => sourcesOf([chunk]).some((s) => s.endsWith("/verify-passkey-answer.ts")));
    expect(passkeyChunk).toBeDefined();
    expect(sourcesOf(reachable(passkeyChunk as string)).some(simpleWebAuthn)).toBe(true);
    // The email paths never load it.
    for (const chunk of lazy.filter((c) => c !== passkeyChunk)) {
      expect(sourcesOf(reachable(chunk)).some(simpleWebAuthn)).toBe(false);
    }
  });

  it("runs Define, Create and pre token generation from index.mjs, and its passkey chunk loads", () => {
    const base = { version: "1", region: "eu-west-1", userPoolId: "eu-west-1_x", userName: "u-1" };
    const caller = { callerContext: { awsSdkVersion: "test", clientId: "client" } };
    const define = {
      ...base,
      ...caller,
      triggerSource: "DefineAuthChallenge_Authentication",
      request: { userAttributes: {}, session: [] },
      response: {},
    };
    const create = {
      ...base,
      ...caller,
      triggerSource: "CreateAuthChallenge_Authentication",
      request: { userAttributes: {}, challengeName: "CUSTOM_CHALLENGE", session: [] },
      response: {},
    };
    const preToken = {
      ...base,
      ...caller,
      version: "2",
      triggerSource: "TokenGeneration_Authentication",
      request: { userAttributes: {}, groupConfiguration: {}, clientMetadata: { stepUpAction: "delete-passkey" } },
      response: { claimsAndScopeOverrideDetails: null },
    };
    const index = join(triggersDir, "index.mjs");
    const passkeyChunk = imports(index).dynamic.find((c) => c.includes("verify-passkey-answer"));
    const result = runInNode(`
      const { handler } = await import(${JSON.stringify(index)});
      const defined = await handler(${JSON.stringify(define)});
      const created = await handler(${JSON.stringify(create)});
      const tokens = await handler(${JSON.stringify(preToken)});
      const passkey = await import(${JSON.stringify(passkeyChunk)});
      console.log(JSON.stringify({ defined: defined.response, created: created.response, tokens: tokens.response, passkey: Object.values(passkey).map((v) => typeof v) }));
    `);
    expect(result).toMatchObject({
      defined: { challengeName: "CUSTOM_CHALLENGE", issueTokens: false, failAuthentication: false },
      created: { publicChallengeParameters: { signInMethods: "PASSKEY,MAGIC_LINK,EMAIL_CODE,SMS_CODE" } },
      tokens: {
        claimsAndScopeOverrideDetails: {
          accessTokenGeneration: { claimsToAddOrOverride: { step_up_action: "delete-passkey" } },
        },
      },
      passkey: expect.arrayContaining(["function"]),
    });
  });
});

describe("api bundle", () => {
  it("answers an API Gateway HTTP API (payload 2.0) request", () => {
    const event = apiGatewayEvent("GET", "/health");
    const result = runInNode(`
      const { handler } = await import(${JSON.stringify(join(apiDir, "index.mjs"))});
      const response = await handler(${JSON.stringify(event)}, {});
      console.log(JSON.stringify({ statusCode: response.statusCode, body: JSON.parse(response.body) }));
    `);
    expect(result).toEqual({ statusCode: 200, body: { status: "ok" } });
  });

  it("loads, before its first request, no AWS SDK client, no JWT verifier, no WebAuthn verification", () => {
    const eager = sourcesOf(staticClosure(join(apiDir, "index.mjs")));
    const loadedOnFirstUse = [
      "/node_modules/@simplewebauthn/server/",
      "/node_modules/aws-jwt-verify/",
      "/node_modules/@aws-sdk/client-sesv2/",
      "/node_modules/@aws-sdk/client-kms/",
      "/node_modules/@aws-sdk/client-cognito-identity-provider/",
      "/node_modules/@aws-sdk/client-eventbridge/",
      "/node_modules/@aws-sdk/client-pinpoint-sms-voice-v2/",
      "/node_modules/@aws-sdk/credential-provider-node/",
      "/node_modules/@smithy/node-http-handler/",
    ];
    expect(loadedOnFirstUse.filter((name) => eager.some((source) => source.includes(name)))).toEqual([]);
    // DynamoDB's commands are there (the passkey store builds them); its client is not.
    expect(eager.some((s) => s.includes("/node_modules/@aws-sdk/client-dynamodb/"))).toBe(true);
    expect(eager.some((s) => s.endsWith("/client-dynamodb/dist-es/DynamoDBClient.js"))).toBe(false);
  });

  it("answers usernameless sign-in options with no AWS service to call", () => {
    const options = {
      ...apiGatewayEvent("POST", "/passkeys/authentication/options"),
      headers: { host: "api.example.com", origin: "https://app.example.com", "content-type": "application/json" },
      body: "{}",
    };
    const result = runInNode(`
      const { handler } = await import(${JSON.stringify(join(apiDir, "index.mjs"))});
      const response = await handler(${JSON.stringify(options)}, {});
      console.log(JSON.stringify({ statusCode: response.statusCode, body: JSON.parse(response.body) }));
    `);
    expect(result).toMatchObject({
      statusCode: 200,
      body: { challenge: expect.any(String), allowCredentials: [], userVerification: "required" },
    });
  });

  it("loads a client inside the bundle on the first request that needs it: a refused call is a 503, an unreadable token a 401", () => {
    const withUsername = {
      ...apiGatewayEvent("POST", "/passkeys/authentication/options"),
      headers: { host: "api.example.com", origin: "https://app.example.com", "content-type": "application/json" },
      body: JSON.stringify({ username: "c01d0000-0000-4000-8000-000000000001" }),
    };
    const list = {
      ...apiGatewayEvent("GET", "/passkeys"),
      headers: { host: "api.example.com", origin: "https://app.example.com", authorization: "Bearer e30.e30.e30" },
    };
    // Nothing listens on port 9 (discard): the connection is refused at once.
    const refused = {
      LATCHKEY_DYNAMODB_ENDPOINT: "http://127.0.0.1:9",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    };
    const result = runInNode(
      `
      const { handler } = await import(${JSON.stringify(join(apiDir, "index.mjs"))});
      const answers = [];
      for (const event of [${JSON.stringify(withUsername)}, ${JSON.stringify(list)}]) {
        const response = await handler(event, {});
        answers.push({ statusCode: response.statusCode, code: JSON.parse(response.body).code });
      }
      console.log(JSON.stringify(answers));
    `,
      refused,
    );
    expect(result).toEqual([
      { statusCode: 503, code: "SERVICE_UNAVAILABLE" },
      { statusCode: 401, code: "UNAUTHORIZED" },
    ]);
  });

  it("is built from the api's lambda.ts and core, with source maps", () => {
    const sources = bundleSources(apiDir);
    expect(sources.some((s) => s.endsWith("packages/api/src/lambda.ts"))).toBe(true);
    expect(sources.some((s) => s.endsWith("packages/core/src/config.ts"))).toBe(true);
  });

  it("holds nothing of the local stack: neither @latchkey/local nor its Node server, @hono/node-server", () => {
    const sources = bundleSources(apiDir);
    expect(sources.filter((s) => s.includes("/node_modules/@hono/node-server/"))).toEqual([]);
    expect(sources.filter((s) => s.includes("/packages/local/"))).toEqual([]);
  });

  it("is minified, pointing at its source map", () => {
    const code = readFileSync(join(apiDir, "index.mjs"), "utf8");
    const lines = code.trimEnd().split("\n");
    // Minified: long lines (only template literals keep their line breaks) and no comments of ours.
    expect(code.length / lines.length).toBeGreaterThan(1000);
    expect(code).not.toContain("The one place errors become responses");
    expect(code).toContain("SERVICE_UNAVAILABLE");
    expect(lines.at(-1)).toBe("//# sourceMappingURL=index.mjs.map");
  });
});

describe("both bundles", () => {
  it("hold no test support and no local stack", () => {
    for (const dir of [apiDir, triggersDir]) {
      const testOnly = bundleSources(dir).filter((s) => /\/packages\/(testkit|local)\/|\.test\.ts$/.test(s));
      expect({ dir, testOnly }).toEqual({ dir, testOnly: [] });
    }
  });
});
