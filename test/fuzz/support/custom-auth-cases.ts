import type { AuthenticationResponseJSON } from "@latchkey/core/passkeys";
import type { SoftAuthenticator } from "@latchkey/testkit/passkeys";
import { REFUSED } from "../../e2e/support/cognito.ts";
import { type Attempt, type AttemptOutcome, brokenOutcome } from "./custom-auth-attempt.ts";
import { emailCodeMutant } from "./email-code-mutant.ts";
import { toJsonText } from "./json-text.ts";
import { magicLinkMutant } from "./magic-link-mutant.ts";
import { mutateText } from "./mutate-encoded.ts";
import { nastyString, nastyValue } from "./nasty-values.ts";
import { passkeyMutant } from "./passkey-mutant.ts";
import type { Random } from "./random.ts";

/** The budget, in cases of each group; each case is one or two Cognito calls (about 2,000 in all). */
export const BUDGET = { usernames: 150, magicLink: 300, emailCode: 150, passkey: 300, garbage: 150, session: 60 };

/** A user with a sign-in email's link and code, neither used. */
export interface MailUser {
  email: string;
  username: string;
  token: string;
  code: string;
}

/** A user with a registered software passkey and real assertions of it, unused. */
export interface PasskeyUser {
  email: string;
  username: string;
  softKey: SoftAuthenticator;
  /** For options made with the username, and for usernameless options. */
  assertions: AuthenticationResponseJSON[];
}

/** The real users and answers the cases are made of. */
export interface Material {
  /** Two users each, so that each has another's answer to be swapped in. */
  linkUsers: MailUser[];
  codeUsers: MailUser[];
  passkeyUser: PasskeyUser;
  otherPasskeyUser: PasskeyUser;
  newEmail(name: string): string;
}

/**
 * One case: an attempt and what it must come to. "refused": Cognito's refusal of a wrong answer,
 * exactly. "no tokens": any ordinary outcome but tokens (a challenge, a refusal, a parameter error).
 */
export interface AuthCase {
  group: keyof typeof BUDGET;
  label: string;
  attempt: Attempt;
  must: "refused" | "no tokens";
}

const METHODS = ["PASSKEY", "MAGIC_LINK", "EMAIL_CODE", "SMS_CODE"] as const;
const UNKNOWN_METHODS = [
  "",
  "passkey",
  "PASSKEY ",
  "MAGIC_LINK\u0000",
  "EMAIL-CODE",
  "sms_code",
  "__proto__",
  "constructor",
  "toString",
];
/** RespondToAuthChallenge's ClientMetadata naming a method; none at all for undefined. */
export const metadata = (signInMethod: string | undefined) =>
  signInMethod === undefined ? undefined : { signInMethod };

function randomLogin(random: Random, { linkUsers, codeUsers, passkeyUser, newEmail }: Material): string {
  const known = random.pick([...linkUsers, ...codeUsers, passkeyUser]);
  return random.pick([
    () => newEmail("unknown"),
    () => known.email.toUpperCase(),
    () => ` ${known.email}`,
    () => known.email.replace("@", "+tag@"),
    () => known.email.replace("e", "е"),
    () => known.username,
    () => known.username.toUpperCase(),
    () => crypto.randomUUID(),
    () => nastyString(random),
    () => "x".repeat(random.pick([128, 129, 2048])),
    () => random.pick(["*", "%", ".*", "\\", "' OR '1'='1", "admin", "root", "null"]),
  ])();
}

/** An answer of any shape at all, for a method of any name; never one of the real ones. */
function garbageAnswer(random: Random, { linkUsers, codeUsers }: Material): string {
  const real = [...linkUsers, ...codeUsers].flatMap((user) => [user.token, user.code]);
  const answer = anyAnswer(random);
  return real.includes(answer) ? `${answer}0` : answer;
}

function anyAnswer(random: Random): string {
  const fakeAssertion = () => {
    const field = () => Buffer.from(random.bytes(random.int(200))).toString("base64url");
    const id = field();
    return JSON.stringify({
      id,
      rawId: id,
      type: "public-key",
      response: { authenticatorData: field(), clientDataJSON: field(), signature: field() },
      clientExtensionResults: {},
    });
  };
  return random.pick([
    () => nastyString(random),
    () => toJsonText(nastyValue(random)),
    () => "x".repeat(random.pick([1024, 25_000, 100_000])),
    fakeAssertion,
    () => String(random.int(1_000_000)).padStart(6, "0"),
    () =>
      `${Buffer.from(random.bytes(90)).toString("base64url")}.${Buffer.from(random.bytes(64)).toString("base64url")}`,
  ])();
}

/** Every case of the run, drawn from the seed before any is sent. */
export function planCases(random: Random, material: Material): AuthCase[] {
  const { linkUsers, codeUsers, passkeyUser, otherPasskeyUser } = material;
  const cases: AuthCase[] = [];
  const add = (group: AuthCase["group"], make: (random: Random) => Omit<AuthCase, "group">) => {
    for (let i = 0; i < BUDGET[group]; i++) cases.push({ group, ...make(random.fork()) });
  };
  add("usernames", (r) => {
    const login = randomLogin(r, material);
    const signInMethod = r.pick([...METHODS, ...UNKNOWN_METHODS]);
    const answer = r.chance(0.5) ? garbageAnswer(r, material) : undefined;
    return {
      label: `login ${JSON.stringify(login.slice(0, 40))}${answer ? `, garbage ${signInMethod} answer` : ""}`,
      attempt: { login, ...(answer !== undefined && { answer, clientMetadata: { signInMethod } }) },
      must: "no tokens",
    };
  });
  add("magicLink", (r) => {
    const [user, other] = r.chance(0.5) ? linkUsers : [...linkUsers].reverse();
    if (!user || !other) throw new Error("no link users");
    const mutant = magicLinkMutant(r, user.token, other.token);
    const clientMetadata = { signInMethod: "MAGIC_LINK", ...(r.chance(0.2) && { linkVerifier: nastyString(r) }) };
    return {
      label: mutant.label,
      attempt: { login: user.email, answer: mutant.value, clientMetadata },
      must: "refused",
    };
  });
  add("emailCode", (r) => {
    const [user, other] = r.chance(0.5) ? codeUsers : [...codeUsers].reverse();
    if (!user || !other) throw new Error("no code users");
    const mutant = emailCodeMutant(r, user.code, other.code);
    return {
      label: mutant.label,
      attempt: {
        login: r.chance(0.5) ? user.email : user.username,
        answer: mutant.value,
        clientMetadata: metadata("EMAIL_CODE"),
      },
      must: "refused",
    };
  });
  add("passkey", (r) => {
    const answer = r.pick(passkeyUser.assertions);
    const other = r.pick([...otherPasskeyUser.assertions, ...passkeyUser.assertions.filter((a) => a !== answer)]);
    const mutant = passkeyMutant(r, answer, other);
    return {
      label: mutant.label,
      attempt: { login: passkeyUser.username, answer: mutant.value, clientMetadata: metadata("PASSKEY") },
      must: "refused",
    };
  });
  add("garbage", (r) => {
    const realAnswers: [string, string, string][] = [
      ...linkUsers.map((u): [string, string, string] => [u.email, u.token, "MAGIC_LINK"]),
      ...codeUsers.map((u): [string, string, string] => [u.email, u.code, "EMAIL_CODE"]),
      [passkeyUser.username, JSON.stringify(passkeyUser.assertions[0]), "PASSKEY"],
    ];
    const [login, real, method] = r.pick(realAnswers);
    if (r.chance(0.5)) {
      // A real answer under another method's name, an unknown one, or none.
      const wrong = r.pick([...METHODS.filter((m) => m !== method), ...UNKNOWN_METHODS, undefined]);
      return {
        label: `a real ${method} answer as ${JSON.stringify(wrong)}`,
        attempt: { login, answer: real, clientMetadata: metadata(wrong) },
        must: "refused",
      };
    }
    const signInMethod = r.pick([...METHODS, ...UNKNOWN_METHODS]);
    return {
      label: `garbage as ${JSON.stringify(signInMethod)}`,
      attempt: { login, answer: garbageAnswer(r, material), clientMetadata: metadata(signInMethod) },
      must: "refused",
    };
  });
  add("session", (r) => {
    // Real, unused answers: only the Session, the user it names or the challenge name is forged.
    const user = r.pick(linkUsers);
    const others = [codeUsers[0]?.username ?? "", passkeyUser.email, crypto.randomUUID(), "", nastyString(r)];
    const forgery = r.pick<[string, Partial<Attempt>]>([
      ["session changed", { session: (s) => mutateText(r, s).value }],
      ["session empty", { session: () => "" }],
      ["session of garbage", { session: () => nastyString(r) }],
      ["another user named", { username: () => r.pick(others) }],
      ["another challenge", { challengeName: r.pick(["SMS_MFA", "PASSWORD_VERIFIER", "custom_challenge", ""]) }],
    ]);
    return {
      label: forgery[0],
      attempt: { login: user.email, answer: user.token, clientMetadata: metadata("MAGIC_LINK"), ...forgery[1] },
      must: "no tokens",
    };
  });
  return cases;
}

/** What is wrong with an outcome of a case, if anything. */
export function problemWith(fuzzCase: AuthCase, outcome: AttemptOutcome): string | undefined {
  if (outcome.tokens) return "TOKENS ISSUED";
  const broken = brokenOutcome(outcome);
  if (broken) return broken;
  const said = outcome.error ? `${outcome.error.name}: ${outcome.error.message}` : `challenge ${outcome.challenge}`;
  if (fuzzCase.must === "refused" && (outcome.step !== "respond" || said !== REFUSED.error)) return `got ${said}`;
  if (outcome.step === "initiate" && !outcome.error && outcome.challenge !== "CUSTOM_CHALLENGE") return `got ${said}`;
  return undefined;
}
