import {
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { priceCalls } from "../cost/price-calls.ts";
import type { Servers } from "./fork-servers.ts";
import type { Operations } from "./serve-stacks.ts";
import type { Account, Side } from "./sign-in-flows.ts";

const LINKS = 20;
type Urls = Awaited<ReturnType<Operations["urls"]>>;
type Stats = Awaited<ReturnType<Operations["stats"]>>;
type Cognito = { client: CognitoIdentityProviderClient; calls: { total(): number; reset(): void } };
type Figure = { ours: number; sample: number };

const sum = (counted: Record<string, number>) => Object.values(counted).reduce((total, count) => total + count, 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

type Service = "dynamodb" | "kms" | "ses" | "events" | "cognito";
type Tally = { durations: number[]; calls: Record<Service, number>; cpuMicros: number };
const SERVICES: Service[] = ["dynamodb", "kms", "ses", "events", "cognito"];
const cpu = (stats: Stats) => stats.cpu.user + stats.cpu.system;

/** Runs a sequential batch of one side's flows, adding what it cost the servers to the tally. */
async function tallied(servers: Servers, browser: Cognito, runs: (() => Promise<void>)[], tally: Tally) {
  browser.calls.reset();
  const before = await servers.call("stats");
  for (const run of runs) {
    const started = performance.now();
    await run();
    tally.durations.push(performance.now() - started);
  }
  const after = await servers.call("stats");
  for (const service of SERVICES) tally.calls[service] += sum(after[service]) - sum(before[service]);
  tally.calls.cognito += browser.calls.total();
  tally.cpuMicros += cpu(after) - cpu(before);
}

/**
 * Both sides' flows in halves, ordered ours, sample, sample, ours, so that a drift in the shared
 * machine's load falls on both alike: per flow, the median latency, the calls and the server CPU.
 */
async function measured(
  servers: Servers,
  browsers: { ours: Cognito; sample: Cognito },
  runs: { ours: (() => Promise<void>)[]; sample: (() => Promise<void>)[] },
) {
  const tallies = {
    ours: { durations: [], calls: { dynamodb: 0, kms: 0, ses: 0, events: 0, cognito: 0 }, cpuMicros: 0 } as Tally,
    sample: { durations: [], calls: { dynamodb: 0, kms: 0, ses: 0, events: 0, cognito: 0 }, cpuMicros: 0 } as Tally,
  };
  const half = Math.floor(LINKS / 2);
  for (const [side, part] of [
    ["ours", 0],
    ["sample", 0],
    ["sample", 1],
    ["ours", 1],
  ] as const) {
    const batch = part === 0 ? runs[side].slice(0, half) : runs[side].slice(half);
    await tallied(servers, browsers[side], batch, tallies[side]);
  }
  const summary = (tally: Tally) =>
    ({
      medianMs: Math.round(median(tally.durations) * 10) / 10,
      ...Object.fromEntries(SERVICES.map((service) => [service, tally.calls[service] / tally.durations.length])),
      serverCpuMs: Math.round((tally.cpuMicros / 1000 / tally.durations.length) * 100) / 100,
    }) as { medianMs: number; serverCpuMs: number } & Record<Service, number>;
  return { ours: summary(tallies.ours), sample: summary(tallies.sample) };
}

async function newestLink(ses: string, email: string, since: number): Promise<string> {
  const store = (await (await fetch(`${ses}/store?since=${since}`)).json()) as {
    emails: { destination: { to: string[] }; body: { text?: string } }[];
  };
  const text = store.emails.filter((mail) => mail.destination.to.includes(email)).at(-1)?.body.text ?? "";
  const fragment = /#([\w.-]+)\s*$/m.exec(text)?.[1];
  if (!fragment) throw new Error(`no sign-in link reached ${email}`);
  return fragment;
}

async function customAuth(
  browser: Cognito,
  side: Side,
  login: string,
  answer: string,
  clientMetadata: Record<string, string>,
) {
  const started = await browser.client.send(
    new InitiateAuthCommand({ AuthFlow: "CUSTOM_AUTH", ClientId: side.clientId, AuthParameters: { USERNAME: login } }),
  );
  return browser.client.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: "CUSTOM_CHALLENGE",
      ClientId: side.clientId,
      Session: started.Session,
      ChallengeResponses: { USERNAME: started.ChallengeParameters?.USERNAME ?? login, ANSWER: answer },
      ClientMetadata: clientMetadata,
    }),
  );
}

/**
 * Magic links, one account at a time (each may have one link a minute on both sides). The request: ours
 * is POST /magic-links, whose answer is padded to a fixed envelope so that known and unknown addresses
 * look alike; the sample's (client/magic-link.js requestSignInLink) is InitiateAuth and a MAGIC_LINK
 * answer, on which its Create trigger signs with KMS, stores the link's hash and sends the mail. The
 * redemption, on both sides: InitiateAuth and the link's fragment as a MAGIC_LINK answer.
 */
export async function magicLinkFlows(
  servers: Servers,
  urls: Urls,
  accounts: { ours: Account[]; sample: Account[] },
  browsers: { ours: Cognito; sample: Cognito },
) {
  const redirectUri = `${urls.ours.origin}/blank.html`;
  const since = Math.floor(Date.now() / 1000) - 1;
  const ours = accounts.ours.slice(0, LINKS);
  const sample = accounts.sample.slice(0, LINKS);
  const request = await measured(servers, browsers, {
    ours: ours.map((account) => async () => {
      const response = await fetch(`${urls.ours.api}/magic-links`, {
        method: "POST",
        headers: { origin: urls.ours.origin, "content-type": "application/json" },
        body: JSON.stringify({ email: account.email, redirectUri }),
      });
      if (response.status !== 202) throw new Error(`POST /magic-links answered ${response.status}`);
    }),
    sample: sample.map((account) => async () => {
      const answered = await customAuth(browsers.sample, urls.sample, account.email, "__dummy__", {
        signInMethod: "MAGIC_LINK",
        redirectUri,
        alreadyHaveMagicLink: "no",
      });
      if (answered.ChallengeName !== "CUSTOM_CHALLENGE") throw new Error("the sample sent no link");
    }),
  });
  const links = {
    ours: await Promise.all(ours.map((account) => newestLink(urls.ses, account.email, since))),
    sample: await Promise.all(sample.map((account) => newestLink(urls.ses, account.email, since))),
  };
  const redeemed = (answered: { AuthenticationResult?: { IdToken?: string } }) => {
    if (!answered.AuthenticationResult?.IdToken) throw new Error("a link signed nobody in");
  };
  const redeem = await measured(servers, browsers, {
    ours: ours.map(
      (account, i) => async () =>
        redeemed(
          await customAuth(browsers.ours, urls.ours, account.username, links.ours[i] ?? "", {
            signInMethod: "MAGIC_LINK",
          }),
        ),
    ),
    sample: sample.map(
      (account, i) => async () =>
        redeemed(
          await customAuth(browsers.sample, urls.sample, account.username, links.sample[i] ?? "", {
            signInMethod: "MAGIC_LINK",
            redirectUri,
            alreadyHaveMagicLink: "yes",
          }),
        ),
    ),
  });
  const figures: Record<string, Figure> = {};
  for (const [flow, sides] of Object.entries({ "magic-link request": request, "magic-link redeem": redeem })) {
    const padded = flow === "magic-link request" ? " (ours padded)" : "";
    figures[`${flow} median ms${padded}`] = { ours: sides.ours.medianMs, sample: sides.sample.medianMs };
    figures[`${flow} DynamoDB calls`] = { ours: sides.ours.dynamodb, sample: sides.sample.dynamodb };
    figures[`${flow} Cognito calls (browser + server)`] = { ours: sides.ours.cognito, sample: sides.sample.cognito };
    figures[`${flow} KMS calls`] = { ours: sides.ours.kms, sample: sides.sample.kms };
    figures[`${flow} SES calls`] = { ours: sides.ours.ses, sample: sides.sample.ses };
    figures[`${flow} EventBridge calls`] = { ours: sides.ours.events, sample: sides.sample.events };
    figures[`${flow} server CPU ms`] = { ours: sides.ours.serverCpuMs, sample: sides.sample.serverCpuMs };
    // Server CPU stands in for the handlers' (the emulator's share is small beside a signature and a mail).
    const priced = (side: "ours" | "sample") =>
      priceCalls({
        dynamodb: sides[side].dynamodb,
        kms: sides[side].kms,
        kmsRsa2048: side === "sample",
        ses: sides[side].ses,
        events: sides[side].events,
        apiRequests: side === "ours" && flow === "magic-link request" ? 1 : 0,
        handlerCpuMs: sides[side].serverCpuMs,
      });
    figures[`${flow} USD per 1M (calls, API, server CPU)`] = { ours: priced("ours"), sample: priced("sample") };
  }
  return { figures, detail: { request, redeem } };
}
