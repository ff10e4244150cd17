import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smsCodeItemKey } from "../../table/item-keys.ts";
import { tableSchema } from "../../table/table-schema.ts";
import { consumeSmsCode } from "./consume-sms-code.ts";
import { putSmsCode } from "./put-sms-code.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const t0 = 1_800_000_000;
let users = 0;
const newUser = () => ({ username: `user-${++users}` });
const put = (subject: { username: string }, codeHash = "code-1", requesterHash = "browser-a") =>
  putSmsCode(table, { subject, requesterHash, codeHash, expiresAt: t0 + 300 });
const guess = (
  subject: { username: string } | { numberHash: string },
  guessHash = "code-1",
  { requesterHash = "browser-a", now = t0 + 10 } = {},
) => consumeSmsCode(table, { subject, requesterHash, guessHash, maxTries: 3, nowSeconds: now });

describe("the SMS code store", () => {
  it("redeems the right code once", async () => {
    const user = newUser();
    await put(user);
    expect(await guess(user)).toBe("redeemed");
    expect(await guess(user)).toBe("not redeemable");
  });

  it("gives a code three tries in all, the right one counting among them", async () => {
    const user = newUser();
    await put(user);
    expect(await guess(user, "wrong-1")).toBe("wrong");
    expect(await guess(user, "wrong-2")).toBe("wrong");
    expect(await guess(user, "code-1")).toBe("redeemed");
    const other = newUser();
    await put(other);
    for (const wrong of ["w1", "w2", "w3"]) expect(await guess(other, wrong)).toBe("wrong");
    expect(await guess(other, "code-1")).toBe("not redeemable");
  });

  it("weighs no more than three guesses however many arrive at once, and redeems a right one once", async () => {
    const user = newUser();
    await put(user);
    const wrong = await Promise.all(Array.from({ length: 10 }, (_, i) => guess(user, `w${i}`)));
    expect(wrong.filter((result) => result === "wrong")).toHaveLength(3);
    const again = newUser();
    await put(again);
    const right = await Promise.all(Array.from({ length: 10 }, () => guess(again)));
    expect(right.filter((result) => result === "redeemed")).toHaveLength(1);
  });

  it("refuses an expired code, another browser's code, and a code nobody asked for", async () => {
    const user = newUser();
    await put(user);
    expect(await guess(user, "code-1", { now: t0 + 300 })).toBe("not redeemable");
    expect(await guess(user, "code-1", { requesterHash: "browser-b" })).toBe("not redeemable");
    expect(await guess(newUser())).toBe("not redeemable");
    expect(await guess({ numberHash: "nobody" })).toBe("not redeemable");
    expect(await guess(user)).toBe("redeemed");
  });

  it("keeps each browser's code apart, and a new text for a browser replaces only its own", async () => {
    const user = newUser();
    await put(user, "code-a", "browser-a");
    await put(user, "code-b", "browser-b");
    await put(user, "code-a2", "browser-a");
    expect(await guess(user, "code-a", { requesterHash: "browser-a" })).toBe("wrong");
    expect(await guess(user, "code-b", { requesterHash: "browser-b" })).toBe("redeemed");
    expect(await guess(user, "code-a2", { requesterHash: "browser-a" })).toBe("redeemed");
  });

  it("stores only a hash, its expiry and the tries", async () => {
    const user = newUser();
    await put(user);
    await guess(user, "wrong");
    const { Item = {} } = await table.client.send(
      new GetItemCommand({ TableName: table.name, Key: smsCodeItemKey(user, "browser-a") }),
    );
    expect(Object.keys(Item).sort()).toEqual(
      ["codeExpires", "codes", tableSchema.ttlAttribute, tableSchema.partitionKey, "tries", tableSchema.sortKey].sort(),
    );
    expect(Item.codes).toEqual({ SS: ["code-1"] });
  });

  it("stores a code and weighs a guess with one DynamoDB call each", async () => {
    const user = newUser();
    table.calls.reset();
    await put(user);
    expect(table.calls.sent).toEqual(["PutItemCommand"]);
    table.calls.reset();
    await guess(user, "wrong");
    await guess(user);
    expect(table.calls.sent).toEqual(["UpdateItemCommand", "UpdateItemCommand"]);
  });
});
