/**
 * Passkey sign-in while DynamoDB or Cognito fails, one call at a time (see magic-links.test.ts for the
 * shape of a cell): the authentication options for a typed address, and the answer checked by Verify
 * through Cognito CUSTOM_AUTH. A challenge that failed mid-way must never sign in twice.
 */
import type { Fault } from "@latchkey/testkit/faults";
import { describe, expect, it } from "vitest";
import { REFUSED } from "../e2e/support/cognito.ts";
import { faultSuite } from "./support/fault-suite.ts";
import { accountWithPasskey, callApi, passkeyAnswer, signIn } from "./support/flows.ts";
import {
  addressItemKey,
  expectApiFailure,
  failureCode,
  OUTAGES,
  SIGNED_IN,
  triggerFailed,
} from "./support/verdicts.ts";

const suite = faultSuite();

type Account = Awaited<ReturnType<typeof accountWithPasskey>>;

/** A call of Verify for a passkey answer: the credential's read, then the write that redeems the challenge and records the use. */
const verifyCalls = {
  GetItem: (account: Account) => [`PASSKEY#${account.softKey.id}`],
  UpdateItem: (account: Account) => [`PASSKEY#${account.softKey.id}`],
};

interface VerifyCell {
  operation: keyof typeof verifyCalls;
  fault: Fault;
  times?: number;
  /** What the browser gets during the fault; then for the same answer once it is gone. */
  during: unknown;
  after: unknown;
}

function verifyCells(): VerifyCell[] {
  const cells: VerifyCell[] = [
    // What a retry after a lost answer makes of each call, first, while the retry budget is whole.
    // The read retried: signs in, once.
    { operation: "GetItem", fault: "loses-answer", times: 1, during: SIGNED_IN, after: REFUSED },
    // Redeemed and recorded, the answer lost: the retry finds the item changed since its read. Used
    // up, with no tokens.
    { operation: "UpdateItem", fault: "loses-answer", times: 1, during: REFUSED, after: REFUSED },
    // Another sign-in of the passkey wrote first, as far as Verify can tell; this one never did.
    { operation: "UpdateItem", fault: "conflicts", during: REFUSED, after: SIGNED_IN },
  ];
  // A failed call redeemed nothing (the one write never happened), so the answer stays good.
  for (const operation of Object.keys(verifyCalls) as VerifyCell["operation"][]) {
    for (const fault of OUTAGES)
      cells.push({ operation, fault, during: triggerFailed(failureCode(fault)), after: SIGNED_IN });
  }
  return cells;
}

const outcomeName = (expected: unknown) =>
  expected === SIGNED_IN ? "tokens" : expected === REFUSED ? "refused" : "failed";

describe.concurrent("a passkey answer checked while DynamoDB fails", () => {
  for (const cell of verifyCells()) {
    it(`${cell.operation} ${cell.fault}: ${outcomeName(cell.during)}, then ${outcomeName(cell.after)} for the same answer, and a new one signs in`, async () => {
      const account = await accountWithPasskey(suite.stack, "passkey");
      const { answer } = await passkeyAnswer(suite.stack, account.softKey);
      const injected = suite.faulty.faults.dynamodb.inject({
        operation: cell.operation,
        mentions: verifyCalls[cell.operation](account),
        fault: cell.fault,
        ...(cell.times && { times: cell.times }),
      });
      const login = account.username;
      const during = await signIn(suite.stack, { login, signInMethod: "PASSKEY", answer });
      injected.lift();
      expect(injected.hits.length).toBeGreaterThan(0);
      expect(during.outcome).toMatchObject(cell.during as object);
      expect(during.ms).toBeLessThan(suite.boundMs);
      expect((await signIn(suite.stack, { login, signInMethod: "PASSKEY", answer })).outcome).toMatchObject(
        cell.after as object,
      );
      const fresh = await passkeyAnswer(suite.stack, account.softKey);
      expect(
        (await signIn(suite.stack, { login, signInMethod: "PASSKEY", answer: fresh.answer })).outcome,
      ).toMatchObject(SIGNED_IN);
    });
  }
});

/** The calls of the options for a typed address: the account's lookup, then its passkeys. */
/** Options for a typed address: the address's owner read, then the owner's passkeys listed; no pool call. */
const optionCalls = [
  {
    dependency: "dynamodb",
    operation: "GetItem",
    mentions: (account: Account) => [addressItemKey(suite.stack, account.email), "OWNER"],
  },
  { dependency: "dynamodb", operation: "Query", mentions: (account: Account) => [`USER#${account.username}`] },
] as const;

describe.concurrent("passkey options for a typed address while a dependency fails", () => {
  for (const call of optionCalls) {
    for (const fault of ["loses-answer", ...OUTAGES] as const) {
      const expected = fault === "loses-answer" ? "the retry answers" : failureCode(fault);
      it(`${call.dependency} ${call.operation} ${fault}: ${expected}, then the options list the passkey`, async () => {
        const account = await accountWithPasskey(suite.stack, "options");
        const injected = suite.faulty.faults[call.dependency].inject({
          operation: call.operation,
          mentions: call.mentions(account),
          fault,
          ...(fault === "loses-answer" && { times: 1 }),
        });
        const during = await callApi(suite.stack, "POST", "/passkeys/authentication/options", {
          body: { username: account.email },
        });
        injected.lift();
        expect(injected.hits.length).toBeGreaterThan(0);
        expect(during.ms).toBeLessThan(suite.boundMs);
        const listsThePasskey = {
          status: 200,
          body: { allowCredentials: [expect.objectContaining({ id: account.softKey.id })] },
        };
        if (fault === "loses-answer") expect(during).toMatchObject(listsThePasskey);
        else expectApiFailure(during, failureCode(fault));
        const after = await callApi(suite.stack, "POST", "/passkeys/authentication/options", {
          body: { username: account.email },
        });
        expect(after).toMatchObject(listsThePasskey);
      });
    }
  }
});
