import { randomBytes } from "node:crypto";
import type { PublicKeyCredentialCreationOptionsJSON } from "@latchkey/core/passkeys";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { type Route, routes } from "../../../packages/protocol/src/index.ts";
import type { Tokens } from "./auth-variants.ts";
import type { Random } from "./random.ts";
import type { RawResponse } from "./raw-request.ts";

/** A signed-in user of the stack, with real tokens. */
export interface FuzzUser {
  username: string;
  email: string;
  accessToken: string;
  idToken: string;
}

/** What the seeds are made of: real users, real passkeys, real bodies. */
export interface ApiFixture {
  apiUrl: string;
  appOrigin: string;
  /** Calls the routes. */
  caller: FuzzUser;
  /** Owns a passkey the caller must never reach. */
  other: FuzzUser;
  /** Registers passkeys (a user of their own, so the caller's passkeys stay few). */
  registrant: FuzzUser;
  /** The caller's passkeys: one renamed, one deleted by the seeds. */
  renameTarget: string;
  deleteTarget: string;
  otherCredential: string;
  newEmail(): string;
  /** A number never asked for before, so no per-number or per-range budget fills up over a run. */
  newPhoneNumber(): number;
  /** A new user signed in by passkey, who has had no email yet (a user gets one a minute). */
  newSignedInUser(): Promise<FuzzUser>;
}

/** A valid request to one route, before any mutation. */
export interface Seed {
  method: string;
  /** The route's path in the table, and the path sent. */
  template: string;
  path: string;
  body?: unknown;
  /** The tokens its Authorization header is made from; undefined for a public route. */
  tokens: Tokens | undefined;
  /** The value of its path parameter, if the route has one. */
  param?: string;
  /** Undoes what an answer created, so that no per-user cap fills up over a run. */
  cleanUp?: (response: RawResponse) => Promise<void>;
}

const tokensOf = (user: FuzzUser, other: FuzzUser): Tokens => ({
  accessToken: user.accessToken,
  idToken: user.idToken,
  otherAccessToken: other.accessToken,
});

const fill = (path: string, value: string) => path.replace(/:\w+/g, value);

/** A fresh address that a strict parser may well accept: tags, case, quotes, long parts, international domains. */
function plausibleEmail(random: Random, fresh: string): string {
  const [local = "", domain = ""] = fresh.split("@");
  return random.pick([
    fresh,
    `${local}+tag@${domain}`,
    fresh.toUpperCase(),
    `${local}.o'brien&co=x~y#z$@${domain}`,
    `${local}${"l".repeat(64 - local.length)}@${domain}`.slice(-(64 + 1 + domain.length)),
    `${local}@sub.${random.pick(["example.co.uk", "xn--bcher-kva.example", "bücher.example", "EXAMPLE.COM", "例え.テスト"])}`,
    `${local}@${"a".repeat(63)}.${"b".repeat(63)}.example`,
  ]);
}

/** A page of the allowed origin, in odd but valid spellings: queries, encodings, dot segments, Unicode. */
function plausibleRedirect(random: Random, origin: string): string {
  return random.pick([
    `${origin}/blank.html`,
    origin,
    `${origin}/`,
    `${origin}/blank.html?next=%2Fhome&x=${"y".repeat(random.int(1500))}`,
    `${origin}/a/../blank.html`,
    `${origin}/%2e%2e/%2fevil`,
    `${origin}/ü/😀?q=é`,
    `${origin.toUpperCase()}/blank.html`,
    `${origin}/.well-known/../blank.html;x=1`,
  ]);
}

/** A fresh number (in a range of its own, as the per-range budget counts) in the spellings E.164 allows. */
function plausiblePhoneNumber(random: Random, fresh: number): string {
  const digits = String(fresh).padStart(4, "0");
  return random.pick([
    `+4477${digits}0123`,
    `+1415${digits}010`,
    `+4915${digits}12345`,
    `+336${digits}1234`,
    `+614${digits}1234`,
  ]);
}

type SeedMaker = (
  fixture: ApiFixture,
  route: Route,
  random: Random,
) => Promise<Omit<Seed, "template">> | Omit<Seed, "template">;

/** A new authenticator's answer to fresh registration options: a valid body for the verify route. */
async function freshRegistration(fixture: ApiFixture) {
  const user = fixture.registrant;
  const response = await fetch(`${fixture.apiUrl}${routes.registrationOptions.path}`, {
    method: "POST",
    headers: {
      origin: fixture.appOrigin,
      "content-type": "application/json",
      authorization: `Bearer ${user.accessToken}`,
    },
    body: "{}",
  });
  if (!response.ok) throw new Error(`registration options answered ${response.status}`);
  const options = (await response.json()) as PublicKeyCredentialCreationOptionsJSON;
  return softAuthenticator().register(options, { origin: fixture.appOrigin });
}

/**
 * The valid requests the mutants start from, by route name. A route without one here gets the generic
 * seed: its method and path from the route table, its path parameter the caller's passkey, a token as
 * its auth demands and an empty JSON body.
 */
const seeds: Partial<Record<keyof typeof routes, SeedMaker>> = {
  registrationOptions: ({ registrant, caller }, route, random) => ({
    ...route,
    body: random.chance(0.5) ? {} : { rpId: "localhost" },
    tokens: tokensOf(registrant, caller),
  }),
  registrationVerify: async (fixture, route, random) => ({
    ...route,
    body: {
      response: await freshRegistration(fixture),
      ...(random.chance(0.5) && { friendlyName: `Key ${random.int(1000)}` }),
    },
    tokens: tokensOf(fixture.registrant, fixture.caller),
    cleanUp: async (response) => {
      if (response.status !== 201) return;
      const { id } = JSON.parse(response.body) as { id: string };
      await fetch(`${fixture.apiUrl}${fill(routes.deletePasskey.path, id)}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${fixture.registrant.accessToken}` },
      });
    },
  }),
  listPasskeys: ({ caller, other }, route) => ({ ...route, tokens: tokensOf(caller, other) }),
  renamePasskey: ({ caller, other, renameTarget }, route, random) => ({
    ...route,
    path: fill(route.path, renameTarget),
    param: renameTarget,
    body: { friendlyName: `Laptop ${random.int(1000)}` },
    tokens: tokensOf(caller, other),
  }),
  deletePasskey: ({ caller, other, deleteTarget }, route) => ({
    ...route,
    path: fill(route.path, deleteTarget),
    param: deleteTarget,
    tokens: tokensOf(caller, other),
  }),
  authenticationOptions: ({ caller }, route, random) => ({
    ...route,
    body: random.pick([
      {},
      { username: "" },
      { username: caller.email },
      { username: caller.username },
      { rpId: "localhost" },
    ]),
    tokens: undefined,
  }),
  requestMagicLink: (fixture, route, random) => ({
    ...route,
    body: {
      email: plausibleEmail(random, fixture.newEmail()),
      redirectUri: plausibleRedirect(random, fixture.appOrigin),
      ...(random.chance(0.3) && { locale: random.pick(["en", "en-GB", "de", "zh-Hant-TW", "tlh"]) }),
    },
    tokens: undefined,
  }),
  requestSmsCode: (fixture, route, random) => ({
    ...route,
    body: {
      phoneNumber: plausiblePhoneNumber(random, fixture.newPhoneNumber()),
      bindingHash: randomBytes(32).toString("base64url"),
    },
    tokens: undefined,
  }),
  // Each case a caller (and another user) of its own: a step-up code is an email, one a minute per user.
  requestStepUpCode: async (fixture, route, random) => {
    const [caller, other] = await Promise.all([fixture.newSignedInUser(), fixture.newSignedInUser()]);
    return {
      ...route,
      body: random.pick([{}, { method: "EMAIL_CODE" }, { locale: "de-AT" }, { bindingHash: "b".repeat(43) }]),
      tokens: tokensOf(caller, other),
    };
  },
  health: (_, route) => ({ ...route, tokens: undefined }),
};

export async function makeSeed(name: string, route: Route, fixture: ApiFixture, random: Random): Promise<Seed> {
  const seed = seeds[name as keyof typeof seeds];
  if (seed) return { ...(await seed(fixture, route, random)), template: route.path };
  const hasParam = route.path.includes(":");
  return {
    method: route.method,
    template: route.path,
    path: fill(route.path, fixture.renameTarget),
    ...(hasParam && { param: fixture.renameTarget }),
    ...(route.method !== "GET" && { body: {} }),
    tokens: route.auth === "public" ? undefined : tokensOf(fixture.caller, fixture.other),
  };
}
