import { SessionStore } from "./auth/session-store.ts";
import type { SigningKey } from "./tokens/signing-key.ts";
import { TokenStore } from "./tokens/token-store.ts";
import type { CognitoEmail, CognitoEmulatorOptions, CognitoTriggers } from "./types.ts";
import { UserStore } from "./users/user-store.ts";
import { readUsersFile } from "./users/users-file.ts";
import { VerificationCodeStore } from "./users/verification-code-store.ts";

/** Everything an operation needs: the pool's configuration and its in-memory state. */
export interface PoolContext {
  region: string;
  userPoolId: string;
  clientIds: ReadonlySet<string>;
  triggers: CognitoTriggers;
  issuer: string;
  signingKey: SigningKey;
  sessionTtlMs: number;
  /** How long a trigger may take before it is called again (Cognito: 5 seconds, fixed). */
  triggerTimeoutMs: number;
  accessTokenTtlSeconds: number;
  keepOriginalEmail: boolean;
  sendEmail: ((email: CognitoEmail) => Promise<void>) | undefined;
  /** Epoch milliseconds. */
  now: () => number;
  users: UserStore;
  /** Where the users are kept between runs, if anywhere. */
  usersFile: string | undefined;
  sessions: SessionStore;
  tokens: TokenStore;
  verificationCodes: VerificationCodeStore;
}

export function createPoolContext(
  options: CognitoEmulatorOptions,
  issuer: string,
  signingKey: SigningKey,
): PoolContext {
  if (options.triggers?.preTokenGeneration && options.triggers.preTokenGenerationV2) {
    throw new Error("a pool has one pre token generation trigger: V1_0 or V2_0");
  }
  return {
    region: options.region,
    userPoolId: options.userPoolId,
    clientIds: new Set(options.clientIds),
    triggers: options.triggers ?? {},
    issuer,
    signingKey,
    sessionTtlMs: (options.sessionTtlSeconds ?? 180) * 1000,
    triggerTimeoutMs: options.triggerTimeoutMs ?? 5000,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    keepOriginalEmail: options.keepOriginalEmail ?? false,
    sendEmail: options.sendEmail,
    now: options.now ?? Date.now,
    users: options.usersFile ? readUsersFile(options.usersFile) : new UserStore(),
    usersFile: options.usersFile,
    sessions: new SessionStore(),
    tokens: new TokenStore(),
    verificationCodes: new VerificationCodeStore(),
  };
}

export const nowSeconds = (ctx: PoolContext): number => Math.floor(ctx.now() / 1000);
