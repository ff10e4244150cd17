import type {
  AuditEvents,
  Clock,
  LatchkeyConfig,
  Mailer,
  Signer,
  SmsSender,
  TableRef,
  UserDirectory,
} from "@latchkey/core";
import type { MagicLinkEmailTemplate, PasskeyNoticeTemplate, StepUpEmailTemplate } from "@latchkey/core/magic-links";
import type { AccessTokenVerifier } from "./access-token.ts";
import type { ClientIp } from "./magic-links/client-ip.ts";

/** Everything the api needs, built once per process by the entry point (lambda.ts or the local stack). */
export interface ApiDeps {
  config: LatchkeyConfig;
  table: TableRef;
  mailer: Mailer;
  /** Sends the sign-in texts of POST /sms-codes. */
  sms: SmsSender;
  directory: UserDirectory;
  signer: Signer;
  clock: Clock;
  /** Where audit events go: EventBridge, or nowhere when the deployment names no bus. */
  auditEvents: AuditEvents;
  accessTokens: AccessTokenVerifier;
  /** Where a request came from, for the per-network caps on sign-in emails and texts. */
  clientIp: ClientIp;
  /** The sign-in email; the built-in template (English, German) when unset. */
  magicLinkEmail?: MagicLinkEmailTemplate;
  /** The step-up code email; the built-in template when unset. */
  stepUpEmail?: StepUpEmailTemplate;
  /** The email that a passkey was added or removed; the built-in template when unset. */
  passkeyNoticeEmail?: PasskeyNoticeTemplate;
}

/** What the entry that runs the api provides for its platform: Lambda behind API Gateway, or the local stack. */
export type PlatformDeps = Pick<ApiDeps, "accessTokens" | "clientIp">;
