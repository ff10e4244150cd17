import { routes } from "../../../packages/protocol/src/index.ts";
import type { Seed } from "./api-seeds.ts";
import { type AuthVariant, authVariant } from "./auth-variants.ts";
import { type FuzzJson, toJsonText } from "./json-text.ts";
import { mutateJson } from "./mutate-json.ts";
import type { Random } from "./random.ts";
import type { RawRequest } from "./raw-request.ts";
import { badParams, CONTENT_TYPES, origins, pathShapes, RAW_BODIES } from "./request-variants.ts";

/** One fuzz request: what is sent, what was changed, and what the checks need to know of it. */
export interface ApiCase {
  labels: string[];
  request: RawRequest;
  /** Whose token it carries: the seed's caller unchanged, or a variant. */
  auth: AuthVariant["as"];
  /** The seed's path parameter is still the one sent. */
  paramKept: boolean;
}

interface Draft {
  labels: string[];
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  chunked?: boolean;
  auth: AuthVariant["as"];
  paramKept: boolean;
}

/** Only what node:http can put on a request line: anything else percent-encoded. */
const sendablePath = (path: string) =>
  path.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char)).replace(/#/g, "%23");

const METHODS = ["GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS"];

/** The methods no route of the table serves at this route's path. */
const wrongMethods = (template: string) =>
  METHODS.filter(
    (method) => !Object.values(routes).some((route) => route.path === template && route.method === method),
  );

type Mutation = (draft: Draft, random: Random) => void;

function mutations(seed: Seed, context: { appOrigin: string; otherCredential: string }): Mutation[] {
  const text = seed.body === undefined ? "" : JSON.stringify(seed.body);
  const list: Mutation[] = [
    (draft, random) => {
      const body = mutateJson(random, seed.body ?? {});
      draft.labels.push("body mutated");
      draft.body = toJsonText(body as FuzzJson);
      draft.headers["content-type"] ??= "application/json";
    },
    (draft, random) => {
      const [label, make] = random.pick(RAW_BODIES);
      draft.labels.push(`body: ${label}`);
      draft.body = make(text, random);
      draft.chunked = random.chance(0.3);
      draft.headers["content-type"] ??= "application/json";
    },
    (draft, random) => {
      const type = random.pick(CONTENT_TYPES);
      draft.labels.push(`content-type: ${type ?? "none"}`);
      if (type === undefined) delete draft.headers["content-type"];
      else draft.headers["content-type"] = type;
    },
    (draft, random) => {
      if (seed.param !== undefined && random.chance(0.8)) {
        const [label, value] = random.pick(badParams(random, seed, context.otherCredential));
        draft.labels.push(`path parameter: ${label}`);
        draft.path = draft.path.replace(seed.param, value);
        draft.paramKept = false;
        return;
      }
      const [label, path] = random.pick(pathShapes(random, draft.path));
      draft.labels.push(`path: ${label}`);
      draft.path = path;
    },
    (draft, random) => {
      if (!seed.tokens) {
        draft.labels.push("authorization: garbage on a public route");
        draft.headers.authorization = `Bearer ${random.pick(["a.b.c", "x", "x".repeat(4000)])}`;
        return;
      }
      const variant = authVariant(random, seed.tokens);
      draft.labels.push(`authorization: ${variant.label}`);
      draft.auth = variant.as;
      if (variant.header === undefined) delete draft.headers.authorization;
      else draft.headers.authorization = variant.header;
    },
    (draft, random) => {
      const [label, origin] = random.pick(origins(context.appOrigin));
      draft.labels.push(`origin: ${label}`);
      if (origin === undefined) delete draft.headers.origin;
      else draft.headers.origin = origin;
    },
    (draft, random) => {
      const method = random.pick(wrongMethods(seed.template));
      draft.labels.push(`method: ${method}`);
      draft.method = method;
      if (method === "OPTIONS") {
        draft.headers["access-control-request-method"] = seed.method;
        draft.headers["access-control-request-headers"] = "authorization, content-type, x-evil";
      }
    },
    // Long values stay short enough that any two together fit Node's 16 KiB of headers: beyond that
    // the server answers 431 before the api sees the request.
    (draft, random) => {
      const [label, name, value] = random.pick<[string, string, string]>([
        ["spoofed forwarding", "x-forwarded-for", "203.0.113.7, 10.0.0.1"],
        ["spoofed host", "host", "evil.example"],
        ["forwarded host", "x-forwarded-host", "evil.example"],
        ["method override", "x-http-method-override", "DELETE"],
        ["huge header", "x-fuzz", "x".repeat(4000)],
        ["expect", "expect", "100-continue"],
      ]);
      draft.labels.push(`header: ${label}`);
      draft.headers[name] = value;
    },
  ];
  return list;
}

function draftOf(seed: Seed, appOrigin: string): Draft {
  return {
    labels: [],
    method: seed.method,
    path: seed.path,
    headers: {
      origin: appOrigin,
      ...(seed.body !== undefined && { "content-type": "application/json" }),
      ...(seed.tokens && { authorization: `Bearer ${seed.tokens.accessToken}` }),
    },
    body: seed.body === undefined ? undefined : JSON.stringify(seed.body),
    auth: "caller",
    paramKept: true,
  };
}

function toCase(draft: Draft): ApiCase {
  return {
    labels: draft.labels,
    request: {
      method: draft.method,
      path: sendablePath(draft.path),
      headers: draft.headers,
      body: draft.body,
      ...(draft.chunked && { chunked: true }),
    },
    auth: draft.auth,
    paramKept: draft.paramKept,
  };
}

/** A mutant of a seed request: one change, sometimes two of different kinds. */
export function mutateRequest(
  random: Random,
  seed: Seed,
  context: { appOrigin: string; otherCredential: string },
): ApiCase {
  const draft = draftOf(seed, context.appOrigin);
  const available = mutations(seed, context);
  // Where there is a body, about four cases in ten change it: most of the checks sit behind it.
  const first = seed.body !== undefined && random.chance(0.3) ? 0 : random.int(available.length);
  available[first]?.(draft, random);
  if (random.chance(0.25)) {
    const second = (first + 1 + random.int(available.length - 1)) % available.length;
    available[second]?.(draft, random);
  }
  return toCase(draft);
}

/** The seed as it is: the control that must succeed. */
export const unmutated = (seed: Seed, appOrigin: string): ApiCase =>
  toCase({ ...draftOf(seed, appOrigin), labels: ["unmutated"] });
