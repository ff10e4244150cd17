import { Token } from "aws-cdk-lib";

export interface SenderIdentity {
  /** The bare address, also when the sender is written `Name <address>`. */
  address: string;
  domain: string;
}

/** The SES identities a sender address can be verified as: the address itself or its domain. */
export function senderIdentity(senderAddress: string): SenderIdentity {
  if (Token.isUnresolved(senderAddress)) {
    throw new Error("Latchkey: magicLinks.senderAddress must be a literal address, to scope the SES permission");
  }
  const address = (/<([^<>]+)>\s*$/.exec(senderAddress)?.[1] ?? senderAddress).trim();
  const at = address.lastIndexOf("@");
  const domain = address.slice(at + 1);
  if (at < 1 || domain === "" || /\s/.test(address)) {
    throw new Error(`Latchkey: magicLinks.senderAddress "${senderAddress}" is not an email address`);
  }
  return { address, domain };
}
