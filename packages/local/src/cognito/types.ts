import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PostAuthenticationTriggerEvent,
  PreAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from "aws-lambda";

/**
 * The pool's Lambda triggers, like a user pool's LambdaConfig. Each gets the event Cognito would send
 * and returns it with `response` filled in; a trigger that throws fails the API call the way a failing
 * Lambda does.
 */
export interface CognitoTriggers {
  preSignUp?: (event: PreSignUpTriggerEvent) => Promise<PreSignUpTriggerEvent>;
  preAuthentication?: (event: PreAuthenticationTriggerEvent) => Promise<PreAuthenticationTriggerEvent>;
  defineAuthChallenge?: (event: DefineAuthChallengeTriggerEvent) => Promise<DefineAuthChallengeTriggerEvent>;
  createAuthChallenge?: (event: CreateAuthChallengeTriggerEvent) => Promise<CreateAuthChallengeTriggerEvent>;
  verifyAuthChallengeResponse?: (
    event: VerifyAuthChallengeResponseTriggerEvent,
  ) => Promise<VerifyAuthChallengeResponseTriggerEvent>;
  /** Pre token generation V1_0: its response changes the ID token only. */
  preTokenGeneration?: (event: PreTokenGenerationTriggerEvent) => Promise<PreTokenGenerationTriggerEvent>;
  /**
   * Pre token generation V2_0 (PreTokenGenerationConfig.LambdaVersion, which needs the Essentials or
   * Plus feature plan): its response changes the ID and the access token. A pool has one pre token
   * generation trigger, so this and preTokenGeneration exclude each other.
   */
  preTokenGenerationV2?: (event: PreTokenGenerationV2TriggerEvent) => Promise<PreTokenGenerationV2TriggerEvent>;
  postAuthentication?: (event: PostAuthenticationTriggerEvent) => Promise<PostAuthenticationTriggerEvent>;
}

/** A message the pool itself sends: an attribute verification code. */
export interface CognitoEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface CognitoEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the emulator accepts any SigV4 signature, so it must stay on loopback. */
  host?: string;
  region: string;
  userPoolId: string;
  /** App clients of the pool; each allows CUSTOM_AUTH and refresh, has no secret. */
  clientIds: string[];
  triggers?: CognitoTriggers;
  /** How long an auth Session stays usable (Cognito's AuthSessionValidity); default 180. */
  sessionTtlSeconds?: number;
  /**
   * How long a trigger may take before Cognito gives up on that call and calls it again (three calls
   * in all); default 5000, Cognito's own, which cannot be changed there. Tests shorten it.
   */
  triggerTimeoutMs?: number;
  /**
   * Keep the original email while a change is pending, as a pool with AttributesRequireVerificationBeforeUpdate
   * ["email"] (the CDK's keepOriginal.email) does: a new address applies only once its code is verified.
   * Default false: a new address applies at once, unverified.
   */
  keepOriginalEmail?: boolean;
  /** Lifetime of ID and access tokens; default 3600. */
  accessTokenTtlSeconds?: number;
  /**
   * A JSON file that keeps the pool's users between runs: read at start, rewritten after a request
   * that changed them. Sessions, tokens and the signing key are not kept: a restart signs everyone out.
   */
  usersFile?: string;
  /**
   * Sends the pool's own emails, as a pool whose EmailConfiguration sends through your SES identity
   * does. Without it, codes can't be delivered: CodeDeliveryFailureException.
   */
  sendEmail?: (email: CognitoEmail) => Promise<void>;
  /** Clock in epoch milliseconds, so tests can move time forward. */
  now?: () => number;
}

export interface CognitoEmulator {
  /** Base URL to use as the SDK's `endpoint`, e.g. http://127.0.0.1:54321 */
  url: string;
  /** The `iss` of every token: url + "/" + userPoolId. */
  issuer: string;
  jwksUri: string;
  close(): Promise<void>;
}
