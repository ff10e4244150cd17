import { getUser, type LatchkeyClientError, type LinkSignIn, signInWithLink, toClientError } from "@latchkey/client";
import { useEffect, useState } from "react";
import { ErrorAlert } from "./alert.tsx";

// One redemption per link: it is single use, and React may mount this page twice for one link (the
// second time, signInWithLink has already taken the link out of the address bar).
let opening: { link: string; opened: Promise<LinkSignIn> } | undefined;

function open(): Promise<LinkSignIn> {
  if (!opening || (location.hash && opening.link !== location.hash)) {
    opening = { link: location.hash, opened: signInWithLink() };
  }
  return opening.opened;
}

type Confirmation = Extract<LinkSignIn, { status: "needs-confirmation" }>;

/**
 * Where an email link lands: a link this browser asked for signs in and hands over to the app; any
 * other (asked for elsewhere, perhaps someone else's on a page you visited, or while someone else is
 * signed in here) first says which account it is for and waits for the person to continue.
 */
export function LinkLanding(props: { onSignedIn: () => void; onDone: () => void }) {
  const [error, setError] = useState<LatchkeyClientError>();
  const [confirmation, setConfirmation] = useState<Confirmation>();
  const [confirming, setConfirming] = useState(false);
  const { onSignedIn, onDone } = props;
  useEffect(() => {
    open().then(
      (opened) => {
        if (opened.status === "needs-confirmation") return setConfirmation(opened);
        onSignedIn();
        onDone();
      },
      (failure: unknown) => setError(toClientError(failure)),
    );
  }, [onSignedIn, onDone]);

  const proceed = async () => {
    if (!confirmation) return;
    setConfirming(true);
    try {
      await confirmation.confirm();
      onSignedIn();
      onDone();
    } catch (failure) {
      setConfirmation(undefined);
      setError(toClientError(failure));
    }
  };

  if (confirmation && !error) {
    return (
      <section className="card narrow" aria-label="Confirm sign-in">
        <h1>Continue as {confirmation.account}?</h1>
        <p>
          {confirmation.reason === "other-user"
            ? `You're signed in here as ${getUser()?.email ?? "someone else"}. Continuing signs you out of that account.`
            : "This sign-in link was asked for in another browser. Continue only if you asked for it: a link someone else sends you signs you into their account."}
        </p>
        <div className="stack">
          <button type="button" className="primary" disabled={confirming} onClick={proceed}>
            {confirming ? "Signing in…" : `Continue as ${confirmation.account}`}
          </button>
          <button type="button" disabled={confirming} onClick={onDone}>
            Cancel
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="card narrow">
      <h1>{error ? "This link didn't work" : "Signing you in…"}</h1>
      {!error && (
        <p className="muted">
          <span className="spinner" />
          Checking your sign-in link.
        </p>
      )}
      <ErrorAlert error={error} tried="link" />
      {error && (
        <div className="stack">
          <button type="button" className="primary" onClick={onDone}>
            Back to sign-in
          </button>
        </div>
      )}
    </section>
  );
}
