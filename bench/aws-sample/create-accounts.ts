import type { PublicKeyCredentialCreationOptionsJSON } from "@latchkey/core/passkeys";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import type { Servers } from "./fork-servers.ts";
import type { Account } from "./sign-in-flows.ts";

/**
 * `count` users on each side, each with one discoverable ES256 passkey on its own software
 * authenticator, registered through each side's own registration code.
 */
export async function createAccounts(servers: Servers, origin: string, count: number) {
  const ours: Account[] = [];
  const sample: Account[] = [];
  const one = async (i: number) => {
    const ourEmail = `ours-${i}@example.com`;
    const ourKey = softAuthenticator({ resident: true });
    const mine = await servers.call("ourAccount", ourEmail);
    await servers.call("ourRegister", mine.username, ourEmail, ourKey.register(mine.options, { origin }));
    ours[i] = { email: ourEmail, username: mine.username, softKey: ourKey };

    const sampleEmail = `sample-${i}@example.com`;
    const sampleKey = softAuthenticator({ resident: true });
    const theirs = await servers.call("sampleAccount", sampleEmail);
    // The sample's browser client encodes its user handle (a string) as UTF-8 bytes.
    const creation = {
      ...theirs.options,
      user: { ...theirs.options.user, id: Buffer.from(theirs.options.user.id, "utf8").toString("base64url") },
    } as PublicKeyCredentialCreationOptionsJSON;
    const registered = sampleKey.register(creation, { origin });
    await servers.call("sampleRegister", theirs.username, sampleEmail, {
      attestationObjectB64: registered.response.attestationObject,
      clientDataJSON_B64: registered.response.clientDataJSON,
      friendlyName: "bench",
      transports: ["internal"],
    });
    sample[i] = { email: sampleEmail, username: theirs.username, softKey: sampleKey };
  };
  for (let i = 0; i < count; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, j) => one(i + j)));
  }
  return { ours, sample };
}
