import { signOut } from "@latchkey/client";
import type { PasskeysState } from "@latchkey/client/react";
import { ErrorAlert } from "./alert.tsx";
import { PasskeyItem } from "./passkey-item.tsx";

/** The user's passkeys: see where each lives and when it was used; add, rename and delete them. */
export function PasskeyManager(props: { state: PasskeysState }) {
  const { passkeys, loading, error, add } = props.state;
  return (
    <section className="card" aria-label="Passkeys">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2>Passkeys</h2>
        <button type="button" className="primary" disabled={loading} onClick={() => add()}>
          Add a passkey
        </button>
      </div>
      {passkeys === undefined && !error && (
        <p className="muted">
          <span className="spinner" />
          Loading your passkeys…
        </p>
      )}
      {passkeys?.length === 0 && <p className="muted">No passkeys yet. Add one to sign in without email.</p>}
      <ul className="passkeys">
        {passkeys?.map((passkey) => (
          <PasskeyItem key={passkey.id} passkey={passkey} state={props.state} />
        ))}
      </ul>
      <ErrorAlert error={error} />
      {error?.code === "RECENT_SIGN_IN_REQUIRED" && (
        <button type="button" onClick={() => signOut()}>
          Sign in again
        </button>
      )}
    </section>
  );
}
