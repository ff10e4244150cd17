import { createHash, randomBytes, randomUUID } from "node:crypto";

export const newUuid = (): string => randomUUID();

/** An opaque secret with 256 bits of entropy, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString("base64url");

/** Secrets are kept only as hashes, so a dump of emulator state holds nothing replayable. */
export const hashSecret = (secret: string): string => createHash("sha256").update(secret).digest("base64url");
