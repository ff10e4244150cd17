import { describe, expect, it } from "vitest";
import { unknownCredentialSignal } from "./signal-unknown-passkey.ts";

const options = (ids: string[], rpId = "example.com") => ({
  rpId,
  challenge: "c",
  allowCredentials: ids.map((id) => ({ type: "public-key", id })),
});

describe("unknownCredentialSignal", () => {
  it("names the credential and the options' RP ID when the account's options leave it out", () => {
    expect(unknownCredentialSignal(options(["AQID", "BAUG"]), "x-_y")).toEqual({
      rpId: "example.com",
      credentialId: "x-_y",
    });
  });

  it("signals nothing for a credential the options list", () => {
    expect(unknownCredentialSignal(options(["AQID", "x-_y"]), "x-_y")).toBeUndefined();
  });

  it("signals nothing from options that prove nothing: none, empty (usernameless), without an RP ID, odd IDs", () => {
    for (const proof of [
      undefined,
      {},
      options([]),
      { ...options(["AQID"]), rpId: undefined },
      options(["AQID"], ""),
      { rpId: "example.com", allowCredentials: [{ type: "public-key" }] },
      { rpId: "example.com", allowCredentials: "AQID" },
    ]) {
      expect(unknownCredentialSignal(proof, "x-_y")).toBeUndefined();
    }
  });

  it("signals nothing for a credential ID that is not base64url", () => {
    expect(unknownCredentialSignal(options(["AQID"]), "x+/y")).toBeUndefined();
    expect(unknownCredentialSignal(options(["AQID"]), "")).toBeUndefined();
  });
});
