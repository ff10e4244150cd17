import type { LinkBinding, ResidentKey, UserVerification } from "@latchkey/core";
import type { Duration, RemovalPolicy } from "aws-cdk-lib";
import type { ThrottleSettings } from "aws-cdk-lib/aws-apigatewayv2";
import type { UserPool } from "aws-cdk-lib/aws-cognito";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { AlarmSettings } from "./alarm-settings.ts";
import type { AuditEventSettings } from "./audit-events.ts";
import type { EmailSettings } from "./email-settings.ts";

export interface MagicLinkSettings {
  /** The From address; its address or its domain must be a verified SES identity. */
  senderAddress: string;
  /**
   * Where a link may send the browser back to: http(s) URLs without query, fragment or credentials.
   * `https://app.example.com` allows the whole origin; `https://app.example.com/signed-in` allows that
   * page and what lies below it on a path boundary (`/signed-in?next=...`, `/signed-in/...`, not
   * `/signed-in-other`); a path ending in `/` allows what lies under it. Default: allowedOrigins, each
   * as a whole.
   */
  redirectAllowlist?: string[];
  /** How long a link or code is valid. Default: the core default (10 minutes). */
  expiry?: Duration;
  /** Whether a link only works in the browser that asked for it. Default: the core default. */
  binding?: LinkBinding;
  /**
   * Limits on sign-in emails and codes. Default: the core defaults (60 s apart, 10 an hour per address of
   * which 3 from any one client network, 100 requests an hour per network, 10 wrong codes a day per
   * account typed outside the browser that asked).
   */
  rateLimits?: {
    /** At least 60. */
    minSecondsBetweenEmails?: number;
    maxEmailsPerAddressPerHour?: number;
    /** Below maxEmailsPerAddressPerHour, so that no one network can use up an address's emails. */
    maxEmailsPerAddressPerIpPerHour?: number;
    maxRequestsPerIpPerHour?: number;
    maxFailedCodesPerDay?: number;
  };
}

export interface PasskeySettings {
  /** Default: required. */
  userVerification?: UserVerification;
  /** Default: preferred. */
  residentKey?: ResidentKey;
  /** Default: none. */
  attestation?: "none" | "direct";
  /**
   * With "direct": path (read at synth) of a JSON file `{"packed": ["-----BEGIN CERTIFICATE-----..."], ...}`
   * with the trust anchors of the authenticators you accept (e.g. from the FIDO Metadata Service).
   * Shipped in the api function's code, the one that verifies registrations. @simplewebauthn/server
   * brings Apple's and Google's roots itself.
   */
  attestationRootsFile?: string;
  /** The name authenticators show. Default: the core default. */
  relyingPartyName?: string;
  /**
   * How many passkeys one user may register (1 to 100); beyond it registration answers 409
   * PASSKEY_LIMIT_REACHED until the user deletes one. Default: the core default (20).
   */
  maxPasskeysPerUser?: number;
  /**
   * Origins outside the first relying party ID's domain that use it all the same (related origin
   * requests), each one of `allowedOrigins` too. The api serves them at `GET /.well-known/webauthn`;
   * browsers read that document from `https://<first RP ID>/.well-known/webauthn`, so route that path
   * of the RP ID's site to the api (see the README). Default: none.
   */
  relatedOrigins?: string[];
  /**
   * How recent a sign-in must be to add or delete a passkey (older ones get 401
   * RECENT_SIGN_IN_REQUIRED, which the UI kit's reverify() answers). Default: 10 minutes.
   */
  recentSignIn?: Duration;
  /** WebAuthn hints for registration and sign-in, in order of preference. Default: none. */
  hints?: ("security-key" | "client-device" | "hybrid")[];
  /** Registration asks for this kind of authenticator only. Default: any. */
  authenticatorAttachment?: "platform" | "cross-platform";
  /** Email the user when a passkey is added to or removed from their account. Default: true. */
  notices?: boolean;
}

export interface SmsSettings {
  /**
   * Where texts come from (LATCHKEY_SMS_ORIGINATION_IDENTITY): a phone number, sender ID or pool, by
   * ID (`phone-...`, `pool-...`) or ARN, or a number in E.164 or a sender ID name. By ID or ARN, the
   * api may send from that identity alone; by number or name, IAM cannot tell which resource it is,
   * so the api may send from any of the account's. Default: the account's default identity.
   */
  originationIdentity?: string;
  /**
   * The configuration set each text names (LATCHKEY_SMS_CONFIGURATION_SET), by name or ARN: for
   * delivery events and a protect configuration. The api may use that one only. Default: none.
   */
  configurationSet?: string;
}

export interface LatchkeyProps {
  /**
   * A user pool defined in your app. Its Define, Create and Verify auth challenge and pre token
   * generation triggers are set to Latchkey's, so they must be free; pre token generation is V2_0,
   * which needs the Essentials or Plus feature plan (`featurePlan`; not Lite). Default: a new pool with email as the username attribute
   * (usernames are then opaque UUIDs, which passkeys use as their user handle), case-insensitive
   * sign-in, and `keepOriginal: { email: true }`; give yours the same.
   */
  userPool?: UserPool;
  /** Origins of the web apps, exactly as browsers send them (`https://app.example.com`, no path). */
  allowedOrigins: string[];
  /** WebAuthn relying party IDs (registrable domains of the origins). */
  relyingPartyIds: string[];
  magicLinks: MagicLinkSettings;
  /** The sender's name, the emails' default language, and templates of your own. */
  email?: EmailSettings;
  passkeys?: PasskeySettings;
  /** Whether a magic link to an unknown address creates the user. Default: false. */
  allowSignUp?: boolean;
  /**
   * Whether the pool this construct creates takes phone numbers as usernames beside email addresses, so
   * that users sign in with a text (`POST /sms-codes`), may have no email, and may sign up by phone. Email
   * then stops being required, and a changed phone number, like a changed email, applies only once its
   * code is verified (Cognito texts that code, through a role the pool gets). Fixed when the pool is
   * created: changing it later makes CloudFormation replace the pool and its users. Not with `userPool`:
   * give yours `signInAliases: { email: true, phone: true }`. Default: false.
   */
  phoneSignIn?: boolean;
  /** For the table, the key, the secret, log groups and a pool this construct creates. Default: RETAIN. */
  removalPolicy?: RemovalPolicy;
  /** Default: one month. */
  logRetention?: RetentionDays;
  /** Steady rate and burst for the whole HTTP API. Default: 50 requests/s, burst 100. */
  throttle?: ThrottleSettings;
  /**
   * Stricter limit for each route that sends email, `POST /magic-links` and `POST /step-up/codes`.
   * Default: 5 requests/s, burst 10.
   */
  magicLinkThrottle?: ThrottleSettings;
  /**
   * Stricter limit for `POST /sms-codes`, which sends texts (beside the api's own hourly budgets, see
   * LATCHKEY_SMS_*). Default: 5 requests/s, burst 10.
   */
  smsCodeThrottle?: ThrottleSettings;
  /** Texts (sign-in and step-up codes): where they come from (their spend alarm is in `alarms`). */
  sms?: SmsSettings;
  /** Where the alarms notify, and their thresholds (see AlarmSettings). */
  alarms?: AlarmSettings;
  /** Whether to create the CloudWatch dashboard (about $3 a month past the account's free three). Default: true. */
  dashboard?: boolean;
  /**
   * X-Ray active tracing of both functions: their invocations, cold starts and time per request, sampled
   * by the account's rules. (HTTP APIs cannot be traced; the AWS SDK calls are not instrumented.)
   * Default: false.
   */
  tracing?: boolean;
  /**
   * The CloudWatch namespace of the functions' metrics (LATCHKEY_METRICS_NAMESPACE), which the alarms
   * and dashboard read. Default: `Latchkey/<stack name>`, so that stages in one account stay apart.
   */
  metricsNamespace?: string;
  /**
   * Audit events (passkeys added, renamed, deleted; sign-ins and refusals; links and codes issued;
   * step-ups) to Amazon EventBridge, each function allowed events:PutEvents on that bus only. Default:
   * the account's default bus; `false` sends none.
   */
  auditEvents?: AuditEventSettings | false;
}
