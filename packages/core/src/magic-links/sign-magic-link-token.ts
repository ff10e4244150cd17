import type { Signer } from "../ports.ts";
import { type MagicLinkPayload, signedBytes } from "./magic-link-token.ts";

export async function signMagicLinkToken(signer: Signer, payload: MagicLinkPayload): Promise<string> {
  const encoded = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  const signature = await signer.sign(signedBytes(encoded));
  return `${encoded}.${Buffer.from(signature).toString("base64url")}`;
}
