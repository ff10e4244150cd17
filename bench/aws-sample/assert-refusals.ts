import type { Account, Flow } from "./sign-in-flows.ts";

/**
 * Before anything is timed: each flow must refuse an answer the authenticator made for another origin,
 * on both sides, so that the bench never times a path that signs in without checking.
 */
export async function assertRefusals(flows: Record<string, Flow>, account: (flow: string) => Account) {
  for (const [name, flow] of Object.entries(flows)) {
    const { softKey } = account(name);
    const authenticate = softKey.authenticate;
    softKey.authenticate = (request, ceremony) =>
      authenticate(request, { ...ceremony, origin: "https://evil.example" });
    try {
      const refused = await flow(account(name)).then(
        () => false,
        (error: Error) => error.name === "NotAuthorizedException",
      );
      if (!refused) throw new Error(`${name} did not refuse an answer made for another origin`);
    } finally {
      softKey.authenticate = authenticate;
    }
  }
}
