import { randomBytes } from "node:crypto";
import { newCode } from "../new-code.ts";

export interface LinkSecrets {
  /** 192 random bits, base64url: the link's id. */
  linkId: string;
  /** Six digits for typing; weak on its own, so it is limited to three tries and a short life. */
  code: string;
}

export function newLinkSecrets(): LinkSecrets {
  return {
    linkId: randomBytes(24).toString("base64url"),
    code: newCode(),
  };
}
