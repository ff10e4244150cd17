import { hashSecret, newSecret, newUuid } from "../random.ts";

/**
 * One sign-in: its refresh token and every access token minted from it share the `origin_jti`, so
 * revoking the family revokes them all, which is how Cognito's RevokeToken behaves.
 */
export interface TokenFamily {
  originJti: string;
  username: string;
  clientId: string;
  /** Epoch seconds of the sign-in; refreshed tokens keep it. */
  authTime: number;
  refreshExpiresAt: number;
  revoked: boolean;
}

/** Cognito's default refresh token validity. */
const refreshTokenTtlMs = 30 * 24 * 3600 * 1000;

export class TokenStore {
  private readonly families = new Map<string, TokenFamily>();
  /** Refresh tokens are looked up by hash; the token itself is only ever handed to the client. */
  private readonly byRefreshHash = new Map<string, string>();

  create(username: string, clientId: string, now: number): { family: TokenFamily; refreshToken: string } {
    const family: TokenFamily = {
      originJti: newUuid(),
      username,
      clientId,
      authTime: Math.floor(now / 1000),
      refreshExpiresAt: now + refreshTokenTtlMs,
      revoked: false,
    };
    const refreshToken = newSecret();
    this.families.set(family.originJti, family);
    this.byRefreshHash.set(hashSecret(refreshToken), family.originJti);
    return { family, refreshToken };
  }

  byRefreshToken(refreshToken: string): TokenFamily | undefined {
    const originJti = this.byRefreshHash.get(hashSecret(refreshToken));
    return originJti === undefined ? undefined : this.families.get(originJti);
  }

  byOriginJti(originJti: string): TokenFamily | undefined {
    return this.families.get(originJti);
  }

  /** GlobalSignOut, AdminUserGlobalSignOut and AdminDisableUser: every token the user holds stops working. */
  revokeUser(username: string): void {
    for (const family of this.families.values()) {
      if (family.username === username) family.revoked = true;
    }
  }
}
