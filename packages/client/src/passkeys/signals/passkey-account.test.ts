import { describe, expect, it } from "vitest";
import { parsePasskeyAccount } from "./passkey-account.ts";

const account = {
  rpId: "example.com",
  userId: Buffer.from("a11ce000-0000-4000-8000-000000000001", "utf8").toString("base64url"),
  name: "alice@example.com",
  displayName: "alice@example.com",
  credentialIds: ["AQID", "x-_y"],
};

describe("parsePasskeyAccount", () => {
  it("takes the api's account as it is", () => {
    expect(parsePasskeyAccount(account)).toEqual(account);
    expect(parsePasskeyAccount({ ...account, rpId: "localhost", credentialIds: [] })).toMatchObject({
      rpId: "localhost",
      credentialIds: [],
    });
  });

  it("takes no list that might be partial or is not base64url: nothing to signal then", () => {
    for (const broken of [
      undefined,
      null,
      {},
      [],
      "account",
      { ...account, credentialIds: undefined },
      { ...account, credentialIds: "AQID" },
      { ...account, credentialIds: ["AQID", ""] },
      { ...account, credentialIds: ["AQID", null] },
      { ...account, credentialIds: ["AQID=="] },
      { ...account, credentialIds: ["AQ+D/"] },
    ]) {
      expect(parsePasskeyAccount(broken)).toBeUndefined();
    }
  });

  it("takes only an RP ID that is a domain, and a user handle of at most 64 bytes, base64url", () => {
    for (const rpId of ["", "https://example.com", "example.com/", "EXAMPLE.com", "exa mple.com", "-a.com", 7]) {
      expect(parsePasskeyAccount({ ...account, rpId })).toBeUndefined();
    }
    for (const userId of ["", "a+b", "AQID==", "A".repeat(87), undefined]) {
      expect(parsePasskeyAccount({ ...account, userId })).toBeUndefined();
    }
    expect(parsePasskeyAccount({ ...account, userId: "A".repeat(86) })).toBeDefined();
    expect(parsePasskeyAccount({ ...account, name: undefined })).toBeUndefined();
    expect(parsePasskeyAccount({ ...account, displayName: 1 })).toBeUndefined();
  });

  it("copies the list, so a later change to the answer cannot change what is signalled", () => {
    const answer = { ...account, credentialIds: ["AQID"] };
    const parsed = parsePasskeyAccount(answer);
    answer.credentialIds.push("BBBB");
    expect(parsed?.credentialIds).toEqual(["AQID"]);
  });
});
