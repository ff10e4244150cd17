import type { Passkey } from "@latchkey/protocol";
import { useCallback, useEffect, useRef, useState } from "react";
import type { LatchkeyClientError } from "../errors.ts";
import { deletePasskey } from "../passkeys/delete-passkey.ts";
import { listPasskeys } from "../passkeys/list-passkeys.ts";
import { registerPasskey } from "../passkeys/register-passkey.ts";
import { renamePasskey } from "../passkeys/rename-passkey.ts";
import { toClientError } from "../to-client-error.ts";
import { useAuth } from "./use-auth.ts";

export interface PasskeysState {
  /** The signed-in user's passkeys; undefined until loaded and while signed out. */
  passkeys: Passkey[] | undefined;
  loading: boolean;
  /** The last failure (RECENT_SIGN_IN_REQUIRED, NOT_ALLOWED, ...); cleared by the next call. */
  error: LatchkeyClientError | undefined;
  refresh: () => Promise<void>;
  /** Each resolves with its result, or undefined when it failed (see `error`); the list follows. */
  add: (input?: { friendlyName?: string }) => Promise<Passkey | undefined>;
  rename: (id: string, friendlyName: string) => Promise<Passkey | undefined>;
  remove: (id: string) => Promise<true | undefined>;
}

const replaceList = (fresh: Passkey[]) => fresh;

/** The signed-in user's passkeys, loaded on sign-in, kept in step with add, rename and remove. */
export function usePasskeys(): PasskeysState {
  const username = useAuth().user?.username;
  const owner = useRef(username);
  owner.current = username;
  const [passkeys, setPasskeys] = useState<Passkey[]>();
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<LatchkeyClientError>();

  // Changes made so far: a list fetched before the latest one would drop it, so it is not shown.
  const changes = useRef(0);

  const guard = useCallback(async <T>(run: () => Promise<T>, update: (result: T, list: Passkey[]) => Passkey[]) => {
    const forUser = owner.current;
    const changesBefore = changes.current;
    setPending((count) => count + 1);
    setError(undefined);
    try {
      const result = await run();
      // A reply for a user who has since signed out (or been replaced) must not show.
      if (owner.current === forUser && (update !== replaceList || changes.current === changesBefore)) {
        setPasskeys((list) => update(result, list ?? []));
      }
      if (update !== replaceList) changes.current++;
      return result;
    } catch (failure) {
      if (owner.current === forUser) setError(toClientError(failure));
      return undefined;
    } finally {
      setPending((count) => count - 1);
    }
  }, []);

  const refresh = useCallback(async () => {
    await guard(listPasskeys, replaceList);
  }, [guard]);
  useEffect(() => {
    setPasskeys(undefined);
    setError(undefined);
    if (username) void refresh();
  }, [username, refresh]);

  return {
    passkeys,
    loading: pending > 0,
    error,
    refresh,
    add: (input) =>
      guard(
        () => registerPasskey(input),
        (added, list) => [...list, added],
      ),
    rename: (id, name) =>
      guard(
        () => renamePasskey(id, name),
        (renamed, list) => list.map((passkey) => (passkey.id === id ? renamed : passkey)),
      ),
    remove: (id) =>
      guard(
        () => deletePasskey(id).then(() => true as const),
        (_, list) => list.filter((passkey) => passkey.id !== id),
      ),
  };
}
