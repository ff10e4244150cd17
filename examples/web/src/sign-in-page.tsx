import { type LatchkeyClientError, requestMagicLink, signInWithPasskey } from "@latchkey/client";
import { useAction, usePasskeyAutofill } from "@latchkey/client/react";
import { useState } from "react";
import { ErrorAlert } from "./alert.tsx";
import { CheckEmail } from "./check-email.tsx";

/**
 * Sign in: the email field offers passkeys in its autofill menu, a button signs in with a passkey
 * without typing anything, and the form emails a link and a code.
 */
export function SignInPage(props: { inboxUrl: string | undefined; onSignedInByEmail: () => void }) {
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string>();
  const request = useAction((address: string) => requestMagicLink({ email: address }).then(() => true));
  const passkey = useAction(signInWithPasskey);
  const [autofillError, setAutofillError] = useState<LatchkeyClientError>();
  usePasskeyAutofill({ enabled: !sentTo && !passkey.pending && !request.pending, onError: setAutofillError });

  if (sentTo) {
    return (
      <CheckEmail
        email={sentTo}
        inboxUrl={props.inboxUrl}
        onSignedIn={props.onSignedInByEmail}
        onBack={() => setSentTo(undefined)}
      />
    );
  }

  const busy = request.pending || passkey.pending;
  const sendLink = async (event: React.FormEvent) => {
    event.preventDefault();
    setAutofillError(undefined);
    passkey.reset();
    if (await request.run(email)) setSentTo(email.trim());
  };
  const signInWithAPasskey = () => {
    setAutofillError(undefined);
    request.reset();
    void passkey.run({});
  };

  return (
    <section className="card narrow">
      <h1>Sign in</h1>
      <p className="muted">No password needed: use a passkey, or get a link by email.</p>
      <form onSubmit={sendLink}>
        <label htmlFor="email">Email</label>
        <input
          id="email"
          type="email"
          name="email"
          required
          autoComplete="username webauthn"
          placeholder="you@example.com"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <div className="stack">
          <button type="submit" className="primary" disabled={busy}>
            {request.pending ? "Sending…" : "Email me a sign-in link"}
          </button>
        </div>
      </form>
      <div className="divider">or</div>
      <div className="stack">
        <button type="button" disabled={busy} onClick={signInWithAPasskey}>
          {passkey.pending ? "Waiting for your passkey…" : "Sign in with a passkey"}
        </button>
      </div>
      <ErrorAlert error={request.error} />
      <ErrorAlert error={passkey.error ?? autofillError} tried="passkey" />
    </section>
  );
}
