import { describe, expect, it } from "vitest";
import { PUBLISHED_AAGUID_LIST } from "../config.ts";
import { parseAdminConfig } from "./admin-config.ts";

const env = { LATCHKEY_REGION: "eu-west-1", LATCHKEY_USER_POOL_ID: "eu-west-1_Pool", LATCHKEY_TABLE_NAME: "latchkey" };

describe("parseAdminConfig", () => {
  it("needs the pool and the table, and no secret or key", () => {
    expect(parseAdminConfig(env)).toEqual({
      region: "eu-west-1",
      userPoolId: "eu-west-1_Pool",
      tableName: "latchkey",
      cognitoEndpoint: undefined,
      dynamodbEndpoint: undefined,
      eventsEndpoint: undefined,
      aws: { connectionTimeoutMs: 1000, requestTimeoutMs: 1500 },
      auditEvents: { eventBus: undefined, timeoutMs: 500 },
      passkeys: { aaguidSource: PUBLISHED_AAGUID_LIST },
    });
  });

  it("sends audit events to the bus named, and refuses one that is no bus", () => {
    const bus = "arn:aws:events:eu-west-1:111111111111:event-bus/audit";
    expect(parseAdminConfig({ ...env, LATCHKEY_EVENT_BUS: bus }).auditEvents).toEqual({
      eventBus: bus,
      timeoutMs: 500,
    });
    expect(() => parseAdminConfig({ ...env, LATCHKEY_EVENT_BUS: "no bus!" })).toThrow("LATCHKEY_EVENT_BUS");
  });

  it("refuses a missing setting and a bad timeout at cold start", () => {
    for (const name of Object.keys(env)) {
      expect(() => parseAdminConfig({ ...env, [name]: "" })).toThrow(`${name} is required`);
    }
    expect(() => parseAdminConfig({ ...env, LATCHKEY_AWS_REQUEST_TIMEOUT_MS: "9000" })).toThrow("at most 2000");
  });

  it("takes the local endpoints and the AAGUID list's source", () => {
    const local = parseAdminConfig({
      ...env,
      LATCHKEY_COGNITO_ENDPOINT: "http://127.0.0.1:9229",
      LATCHKEY_DYNAMODB_ENDPOINT: "http://127.0.0.1:8000",
      LATCHKEY_AAGUID_SOURCE: "",
    });
    expect(local).toMatchObject({
      cognitoEndpoint: "http://127.0.0.1:9229",
      dynamodbEndpoint: "http://127.0.0.1:8000",
      passkeys: { aaguidSource: "" },
    });
  });
});
