import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { UserRecord } from "./user-record.ts";
import { UserStore } from "./user-store.ts";

/** What each file last held, so that a request that changed no user writes nothing. */
const written = new Map<string, string>();

/** The users a file keeps (none when it does not exist yet). */
export function readUsersFile(file: string): UserStore {
  const store = new UserStore();
  if (!existsSync(file)) return store;
  const text = readFileSync(file, "utf8");
  for (const user of JSON.parse(text) as UserRecord[]) store.add(user);
  written.set(file, text);
  return store;
}

/** Rewrites the file when the users changed; whole or not at all (a new file renamed over the old). */
export function writeUsersFile(file: string, users: UserStore): void {
  const text = JSON.stringify(users.all());
  if (written.get(file) === text) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  written.set(file, text);
}
