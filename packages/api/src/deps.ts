import type { Clock, LatchkeyConfig, Mailer, Signer, TableRef, UserDirectory } from "@latchkey/core";
import type { MagicLinkEmailTemplate } from "@latchkey/core/magic-links";
import type { AccessTokenVerifier } from "./access-token.ts";

/** Everything the api needs, built once per process by the entry point (lambda.ts or the local stack). */
export interface ApiDeps {
  config: LatchkeyConfig;
  table: TableRef;
  mailer: Mailer;
  directory: UserDirectory;
  signer: Signer;
  clock: Clock;
  accessTokens: AccessTokenVerifier;
  /** The sign-in email; the built-in template (English, German) when unset. */
  magicLinkEmail?: MagicLinkEmailTemplate;
}
