/**
 * The fuzz suites print their seed on failure: these hold that a seed does replay a run — the same
 * mutants, whatever else changes — and that LATCHKEY_FUZZ_SEED picks it.
 */
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Seed } from "./support/api-seeds.ts";
import { emailCodeMutant } from "./support/email-code-mutant.ts";
import { b64json } from "./support/encoded-json.ts";
import { magicLinkMutant } from "./support/magic-link-mutant.ts";
import { mutateRequest } from "./support/mutate-request.ts";
import { passkeyMutant } from "./support/passkey-mutant.ts";
import { fuzzSeed, seededRandom } from "./support/random.ts";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

const token = (username: string) =>
  `${b64json({ username, audience: "pool:client", iat: 1, exp: 2, id: "x".repeat(22) })}.${"A".repeat(86)}`;
const jwt = (username: string) =>
  `${b64json({ alg: "RS256" })}.${b64json({ username, auth_time: 1 })}.${"B".repeat(342)}`;
const seed: Seed = {
  method: "PATCH",
  template: "/passkeys/:credentialId",
  path: "/passkeys/AAAA",
  param: "AAAA",
  body: { friendlyName: "Laptop" },
  tokens: { accessToken: jwt("a"), idToken: jwt("a"), otherAccessToken: jwt("b") },
};
const context = { appOrigin: "http://localhost:3000", otherCredential: "BBBB" };

describe("a fuzz seed", () => {
  it("replays the same mutants of requests and of every kind of answer", () => {
    const softKey = softAuthenticator();
    const challenge = { challenge: "Y2hhbGxlbmdl", rpId: "localhost" };
    const answers = [softKey.authenticate(challenge, { origin: "http://localhost:3000", userHandle: "dQ" })];
    answers.push(softKey.authenticate(challenge, { origin: "http://localhost:3000", userHandle: "dg" }));
    const [answer, other] = answers as [(typeof answers)[0], (typeof answers)[0]];
    const run = (value: number) => {
      const random = seededRandom(value);
      return Array.from({ length: 200 }, () => [
        mutateRequest(random, seed, context),
        magicLinkMutant(random, token("u"), token("v")),
        emailCodeMutant(random, "123456", "654321"),
        passkeyMutant(random, answer, other),
      ]);
    };
    // Token mutants carry times from the clock, in seconds: both runs in one second, however slow they are.
    const second = Math.floor(Date.now() / 1000) * 1000;
    vi.useFakeTimers({ toFake: ["Date"], now: second });
    const first = run(42);
    vi.setSystemTime(second + 999);
    expect(run(42)).toEqual(first);
    expect(run(43)).not.toEqual(first);
  });

  it("is LATCHKEY_FUZZ_SEED when set, and refuses one that is not a seed", () => {
    vi.stubEnv("LATCHKEY_FUZZ_SEED", "1234");
    expect(fuzzSeed()).toBe(1234);
    vi.stubEnv("LATCHKEY_FUZZ_SEED", "12x");
    expect(() => fuzzSeed()).toThrow("LATCHKEY_FUZZ_SEED=12x: not a seed");
  });

  it("is a fresh one each run otherwise", () => {
    vi.stubEnv("LATCHKEY_FUZZ_SEED", "");
    expect(new Set(Array.from({ length: 5 }, fuzzSeed)).size).toBeGreaterThan(1);
  });
});
