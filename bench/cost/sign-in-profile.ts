/** One Lambda invocation as its closing log line tells it. */
export interface Invocation {
  /** "request" (the api, behind API Gateway) or "trigger" (a Cognito trigger). */
  msg: string;
  flow: string;
  durationMs: number;
  /** Calls by service and operation, e.g. {DynamoDB: {GetItem: 1}}. */
  calls: Record<string, Record<string, number>>;
}

/** What one sign-in, from the first request to the tokens, cost: its invocations and the bytes they logged. */
export interface SignInProfile {
  invocations: Invocation[];
  logBytes: number;
}

/** The invocations among log lines (each ends with one closing line), and the bytes of all the lines. */
export function profileOf(lines: string[]): SignInProfile {
  const invocations: Invocation[] = [];
  let logBytes = 0;
  for (const line of lines) {
    logBytes += Buffer.byteLength(line) + 1;
    const parsed = parse(line);
    if (!parsed || (parsed.msg !== "request" && parsed.msg !== "trigger") || typeof parsed.flow !== "string") continue;
    invocations.push({
      msg: parsed.msg,
      flow: parsed.flow,
      durationMs: Number(parsed.durationMs),
      calls: (parsed.calls ?? {}) as Invocation["calls"],
    });
  }
  return { invocations, logBytes };
}

function parse(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Calls of one service among the profile's invocations, by operation. */
export function callsOf(profile: SignInProfile, service: string): Record<string, number> {
  const total: Record<string, number> = {};
  for (const invocation of profile.invocations) {
    for (const [operation, count] of Object.entries(invocation.calls[service] ?? {})) {
      total[operation] = (total[operation] ?? 0) + count;
    }
  }
  return total;
}

export const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The api requests among the profile's invocations: each is an API Gateway request too. */
export const apiRequestsOf = (profile: SignInProfile) =>
  profile.invocations.filter((invocation) => invocation.msg === "request").length;

/** The Lambda duration the profile bills: each invocation's, rounded up to the millisecond. */
export const billedMsOf = (profile: SignInProfile) =>
  profile.invocations.reduce((total, invocation) => total + Math.ceil(invocation.durationMs), 0);
