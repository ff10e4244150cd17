/**
 * Passkey registration and management while DynamoDB or Cognito fails, one call at a time (see
 * magic-links.test.ts for the shape of a cell). Besides the answer and the time it took: a registration
 * that failed mid-way leaves no passkey half-stored and cannot be replayed once its challenge is used,
 * and the cap's count never holds fewer places than the passkeys stored.
 */
import type { Fault } from "@latchkey/testkit/faults";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { describe, expect, it } from "vitest";
import { faultSuite } from "./support/fault-suite.ts";
import {
  accountWithPasskey,
  callApi,
  listedPasskeys,
  passkeyCount,
  registrationResponse,
  type SignedInAccount,
  signedInAccount,
  verifyRegistration,
} from "./support/flows.ts";
import { expectApiFailure, failureCode, OUTAGES, type Outage, redeemedChallengeKey } from "./support/verdicts.ts";

const suite = faultSuite();

/** The cap's count holds at least a place for every passkey the account has. */
async function expectCountCovers(account: SignedInAccount) {
  expect(await passkeyCount(suite.stack, account)).toBeGreaterThanOrEqual(
    (await listedPasskeys(suite.stack, account)).length,
  );
}

type Response = Awaited<ReturnType<typeof registrationResponse>>;

/** The writes of a registration: the challenge's redemption, a place under the cap, the credential. */
const registrationWrites = {
  challenge: {
    operation: "PutItem",
    mentions: (_account: SignedInAccount, response: Response) => {
      const clientData = JSON.parse(Buffer.from(response.response.clientDataJSON, "base64url").toString("utf8"));
      return [redeemedChallengeKey(clientData.challenge)];
    },
  },
  place: {
    operation: "UpdateItem",
    mentions: (account: SignedInAccount) => [`USER#${account.username}`, "PASSKEYS"],
  },
  credential: {
    operation: "PutItem",
    mentions: (_account: SignedInAccount, response: Response) => [`PASSKEY#${response.id}`],
  },
};

interface RegistrationCell {
  write: keyof typeof registrationWrites;
  fault: Fault;
  times?: number;
  /** The status during the fault (failures: by the fault's code), then for the same response after it. */
  during?: number;
  replay: number;
}

function registrationCells(): RegistrationCell[] {
  return [
    // What a retry after a lost answer makes of each write, first, while the retry budget is whole.
    { write: "challenge", fault: "loses-answer", times: 1, during: 400, replay: 400 },
    { write: "place", fault: "loses-answer", times: 1, during: 201, replay: 400 },
    { write: "credential", fault: "loses-answer", times: 1, during: 201, replay: 400 },
    // Another registration redeemed the challenge first, as far as the api can tell.
    { write: "challenge", fault: "conflicts", during: 400, replay: 201 },
    ...OUTAGES.flatMap((fault) => [
      // Nothing redeemed yet: the same response registers once the fault is gone.
      { write: "challenge" as const, fault, replay: 201 },
      // The challenge is used: the response never registers again, and nothing is half-stored.
      { write: "place" as const, fault, replay: 400 },
      { write: "credential" as const, fault, replay: 400 },
    ]),
  ];
}

describe.concurrent("a passkey registered while DynamoDB fails", () => {
  for (const cell of registrationCells()) {
    const during = cell.during ?? failureCode(cell.fault as Outage);
    it(`${cell.write} write ${cell.fault}: ${during}, then ${cell.replay} for the same response, and the count covers the passkeys`, async () => {
      const account = await signedInAccount(suite.stack, "register");
      const response = await registrationResponse(suite.stack, account, softAuthenticator());
      const write = registrationWrites[cell.write];
      const injected = suite.faulty.faults.dynamodb.inject({
        operation: write.operation,
        mentions: write.mentions(account, response),
        fault: cell.fault,
        ...(cell.times && { times: cell.times }),
      });
      const answer = await verifyRegistration(suite.stack, account, response);
      injected.lift();
      expect(injected.hits.length).toBeGreaterThan(0);
      expect(answer.ms).toBeLessThan(suite.boundMs);
      if (cell.during === undefined) expectApiFailure(answer, failureCode(cell.fault as Outage));
      else expect(answer.status).toBe(cell.during);
      const replayed = await verifyRegistration(suite.stack, account, response);
      expect(replayed.status).toBe(cell.replay);
      if (cell.replay === 400) expect(replayed.body).toMatchObject({ code: "CHALLENGE_INVALID" });
      const registered = [answer, replayed].filter((result) => result.status === 201).length;
      expect(await listedPasskeys(suite.stack, account)).toHaveLength(registered);
      await expectCountCovers(account);
      const again = await verifyRegistration(
        suite.stack,
        account,
        await registrationResponse(suite.stack, account, softAuthenticator()),
      );
      expect(again.status).toBe(201);
      await expectCountCovers(account);
    });
  }
});

type Account = Awaited<ReturnType<typeof accountWithPasskey>>;

/** A management call and the DynamoDB call in it a fault hits, with what it leaves behind. */
interface ManagementCell {
  name: string;
  operation: string;
  mentions: (account: Account) => string[];
  call: (account: Account) => ReturnType<typeof callApi>;
  /** Whether the passkey is still there after the fault, by fault. */
  kept: (fault: Fault) => boolean;
  /** What the call answers once the fault is gone. */
  afterwards: number;
}

const renamed = "Renamed during a fault";
const managementCalls: ManagementCell[] = [
  {
    name: "GET /passkeys, the listing",
    operation: "Query",
    mentions: (account) => [`USER#${account.username}`],
    call: (account) => callApi(suite.stack, "GET", "/passkeys", { token: account.accessToken }),
    kept: () => true,
    afterwards: 200,
  },
  {
    name: "PATCH /passkeys/:id, the rename",
    operation: "UpdateItem",
    mentions: (account) => [`PASSKEY#${account.softKey.id}`],
    call: (account) =>
      callApi(suite.stack, "PATCH", `/passkeys/${account.softKey.id}`, {
        token: account.accessToken,
        body: { friendlyName: renamed },
      }),
    kept: () => true,
    afterwards: 200,
  },
  {
    name: "DELETE /passkeys/:id, the deletion",
    operation: "DeleteItem",
    mentions: (account) => [`PASSKEY#${account.softKey.id}`],
    call: (account) =>
      callApi(suite.stack, "DELETE", `/passkeys/${account.softKey.id}`, { token: account.accessToken }),
    // Deleted, the answer lost: the retry finds no such passkey.
    kept: (fault) => fault !== "loses-answer",
    afterwards: 204,
  },
  {
    name: "DELETE /passkeys/:id, the place given back",
    operation: "UpdateItem",
    mentions: (account) => [`USER#${account.username}`, "PASSKEYS"],
    call: (account) =>
      callApi(suite.stack, "DELETE", `/passkeys/${account.softKey.id}`, { token: account.accessToken }),
    // The passkey is deleted before its place is given back.
    kept: () => false,
    afterwards: 404,
  },
];

/** What the call answers during a lost answer, the retry having done the work once already. */
const afterLostAnswer: Record<string, number> = {
  "GET /passkeys, the listing": 200,
  "PATCH /passkeys/:id, the rename": 200,
  "DELETE /passkeys/:id, the deletion": 404,
  "DELETE /passkeys/:id, the place given back": 204,
};

describe.concurrent("passkeys listed, renamed and deleted while DynamoDB fails", () => {
  for (const call of managementCalls) {
    for (const fault of ["loses-answer", ...OUTAGES] as const) {
      const during = fault === "loses-answer" ? afterLostAnswer[call.name] : failureCode(fault);
      it(`${call.name} ${fault}: ${during}, then ${call.afterwards}`, async () => {
        const account = await accountWithPasskey(suite.stack, "manage");
        const injected = suite.faulty.faults.dynamodb.inject({
          operation: call.operation,
          mentions: call.mentions(account),
          fault,
          ...(fault === "loses-answer" && { times: 1 }),
        });
        const answer = await call.call(account);
        injected.lift();
        expect(injected.hits.length).toBeGreaterThan(0);
        expect(answer.ms).toBeLessThan(suite.boundMs);
        if (fault === "loses-answer") expect(answer.status).toBe(during);
        else expectApiFailure(answer, failureCode(fault));
        const listed = await listedPasskeys(suite.stack, account);
        expect(listed.map((passkey) => passkey.id)).toEqual(call.kept(fault) ? [account.softKey.id] : []);
        await expectCountCovers(account);
        expect((await call.call(account)).status).toBe(call.kept(fault) ? call.afterwards : 404);
        await expectCountCovers(account);
      });
    }
  }
});

/** Every management route checks the access token with the pool (Cognito GetUser) first. */
const tokenRoutes: {
  route: string;
  call: (account: Account, response: Response) => ReturnType<typeof callApi>;
  ok: number;
}[] = [
  {
    route: "POST /passkeys/registration/options",
    call: (account) =>
      callApi(suite.stack, "POST", "/passkeys/registration/options", { token: account.accessToken, body: {} }),
    ok: 200,
  },
  {
    route: "POST /passkeys/registration/verify",
    call: (account, response) => verifyRegistration(suite.stack, account, response),
    ok: 201,
  },
  {
    route: "GET /passkeys",
    call: (account) => callApi(suite.stack, "GET", "/passkeys", { token: account.accessToken }),
    ok: 200,
  },
  {
    route: "PATCH /passkeys/:id",
    call: (account) =>
      callApi(suite.stack, "PATCH", `/passkeys/${account.softKey.id}`, {
        token: account.accessToken,
        body: { friendlyName: renamed },
      }),
    ok: 200,
  },
  {
    route: "DELETE /passkeys/:id",
    call: (account) =>
      callApi(suite.stack, "DELETE", `/passkeys/${account.softKey.id}`, { token: account.accessToken }),
    ok: 204,
  },
];

describe.concurrent("management routes while Cognito fails to check the access token", () => {
  for (const { route, call, ok } of tokenRoutes) {
    it(`${route}: refused tokens are 401 UNAUTHORIZED, other failures 503, each in time; then ${ok}`, async () => {
      const account = await accountWithPasskey(suite.stack, "token");
      const response = await registrationResponse(suite.stack, account, softAuthenticator());
      for (const fault of OUTAGES) {
        const injected = suite.faulty.faults.cognito.inject({
          operation: "GetUser",
          mentions: [account.accessToken],
          fault,
        });
        const answer = await call(account, response);
        injected.lift();
        expect(answer.ms, fault).toBeLessThan(suite.boundMs);
        // GetUser is authorized by the token itself: what Cognito refuses there is the token, the caller's.
        if (fault === "refuses") expect(answer).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
        else expectApiFailure(answer, "SERVICE_UNAVAILABLE");
      }
      expect((await call(account, response)).status).toBe(ok);
    });
  }
});
