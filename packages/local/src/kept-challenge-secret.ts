import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SECRET_FILE = "challenge-secret";

/**
 * The challenge secret a data directory keeps: made on its first start, read on every later one. The
 * table's keyed hashes (an address's owner and links) are made with it, so data kept across a restart
 * stays findable only with the same secret.
 */
export function keptChallengeSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = randomBytes(32).toString("base64");
  writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  return secret;
}
