import { type LatchkeyClientError, signInWithLink, toClientError } from "@latchkey/client";
import { useEffect, useState } from "react";
import { ErrorAlert } from "./alert.tsx";

// One redemption per link: it is single use, and React may mount this page twice for one link (the
// second time, signInWithLink has already taken the link out of the address bar).
let redemption: { link: string; signedIn: Promise<unknown> } | undefined;

function redeem(): Promise<unknown> {
  if (!redemption || (location.hash && redemption.link !== location.hash)) {
    redemption = { link: location.hash, signedIn: signInWithLink() };
  }
  return redemption.signedIn;
}

/** Where an email link lands: it signs in (the token is in the fragment) and hands over to the app. */
export function LinkLanding(props: { onSignedIn: () => void; onDone: () => void }) {
  const [error, setError] = useState<LatchkeyClientError>();
  const { onSignedIn, onDone } = props;
  useEffect(() => {
    redeem().then(
      () => {
        onSignedIn();
        onDone();
      },
      (failure: unknown) => setError(toClientError(failure)),
    );
  }, [onSignedIn, onDone]);

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
