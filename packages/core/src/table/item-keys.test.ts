import { describe, expect, it } from "vitest";
import {
  ipHourItemKey,
  linkItemKey,
  passkeyCountItemKey,
  passkeyItemKey,
  passkeyUserIndexKey,
  redeemedChallengeItemKey,
} from "./item-keys.ts";

describe("item keys", () => {
  it("follow one convention: upper-case labels, # before each value, under the schema's key names", () => {
    expect(passkeyItemKey("cred")).toEqual({ pk: { S: "PASSKEY#cred" }, sk: { S: "PASSKEY" } });
    expect(redeemedChallengeItemKey("hash")).toEqual({ pk: { S: "CHALLENGE#hash" }, sk: { S: "CHALLENGE" } });
    expect(passkeyCountItemKey("u1")).toEqual({ pk: { S: "USER#u1" }, sk: { S: "PASSKEYS" } });
    expect(linkItemKey({ addressHash: "a1" })).toEqual({ pk: { S: "ADDRESS#a1" }, sk: { S: "LINK" } });
    expect(ipHourItemKey("ip1", 500_000)).toEqual({ pk: { S: "IP#ip1" }, sk: { S: "HOUR#500000" } });
    expect(passkeyUserIndexKey({ username: "u1", createdAt: "2027-01-01T00:00:00.000Z", id: "cred" })).toEqual({
      gsi1pk: { S: "USER#u1" },
      gsi1sk: { S: "PASSKEY#2027-01-01T00:00:00.000Z#cred" },
    });
  });
});
