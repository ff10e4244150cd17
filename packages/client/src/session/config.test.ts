import { describe, expect, it } from "vitest";
import { type LatchkeyClientConfig, resolveConfig } from "./config.ts";

const good: LatchkeyClientConfig = {
  cognito: { userPoolId: "eu-west-1_AbC123", clientId: "1example23456789abcdefghij" },
  apiUrl: "https://api.example.com/",
};

describe("configure()'s config", () => {
  it("takes real ids and URLs, and fills in the defaults", () => {
    expect(resolveConfig(good)).toMatchObject({
      userPoolId: "eu-west-1_AbC123",
      cognitoEndpoint: "https://cognito-idp.eu-west-1.amazonaws.com/",
      apiUrl: "https://api.example.com",
    });
    expect(
      resolveConfig({ ...good, cognito: { ...good.cognito, endpoint: "http://127.0.0.1:9229" } }).cognitoEndpoint,
    ).toBe("http://127.0.0.1:9229");
  });

  it.for([
    ["a missing user pool id", { ...good, cognito: { ...good.cognito, userPoolId: undefined } }, "cognito.userPoolId"],
    [
      "a user pool id without its region",
      { ...good, cognito: { ...good.cognito, userPoolId: "AbC123" } },
      "cognito.userPoolId",
    ],
    ["an empty client id", { ...good, cognito: { ...good.cognito, clientId: "" } }, "cognito.clientId"],
    ["a client id with spaces", { ...good, cognito: { ...good.cognito, clientId: "abc def" } }, "cognito.clientId"],
    ["an api URL without a scheme", { ...good, apiUrl: "api.example.com" }, "apiUrl"],
    ["an api URL of another scheme", { ...good, apiUrl: "ftp://api.example.com" }, "apiUrl"],
    ["a missing api URL", { ...good, apiUrl: undefined }, "apiUrl"],
    [
      "a Cognito endpoint that is no URL",
      { ...good, cognito: { ...good.cognito, endpoint: "localhost:9229" } },
      "cognito.endpoint",
    ],
  ] as const)("refuses %s, naming the field", ([, config, field]) => {
    expect(() => resolveConfig(config as unknown as LatchkeyClientConfig)).toThrow(
      expect.objectContaining({
        code: "NOT_CONFIGURED",
        message: expect.stringContaining(`configure(): ${field} should be`),
      }),
    );
  });
});
