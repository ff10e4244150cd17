import type { LatchkeyUser } from "@latchkey/client";
import { usePasskeys } from "@latchkey/client/react";
import { ClaimsTable } from "./claims-table.tsx";
import { PasskeyManager } from "./passkey-manager.tsx";

/** Signed in: who you are (the ID token's claims) and your passkeys. */
export function ProfilePage(props: { user: LatchkeyUser; invite: boolean; onInviteDone: () => void }) {
  const passkeys = usePasskeys();
  const addPasskey = async () => {
    if (await passkeys.add()) props.onInviteDone();
  };
  return (
    <>
      {props.invite && passkeys.passkeys?.length === 0 && (
        <section className="card invite" aria-label="Add a passkey">
          <h2>Sign in faster next time</h2>
          <p>
            Add a passkey and sign in with Face ID, Touch ID, Windows Hello or your phone. No email, nothing to type.
          </p>
          <div className="row">
            <button type="button" className="primary" disabled={passkeys.loading} onClick={addPasskey}>
              Add a passkey now
            </button>
            <button type="button" onClick={props.onInviteDone}>
              Not now
            </button>
          </div>
        </section>
      )}
      <section className="card">
        <h1>You're signed in</h1>
        <p className="muted">
          as <strong>{props.user.email ?? props.user.username}</strong>, with tokens that Cognito issued.
        </p>
      </section>
      <PasskeyManager state={passkeys} />
      <section className="card" aria-label="ID token">
        <h2>Your ID token's claims</h2>
        <ClaimsTable claims={props.user.claims} />
      </section>
    </>
  );
}
