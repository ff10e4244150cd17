import { createHash } from "node:crypto";

/** What a redeemed challenge is stored as: the SHA-256 of its bytes, base64url (43 characters). */
export const challengeHash = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("base64url");
