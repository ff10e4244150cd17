import { requestMagicLink, signInWithCode } from "@latchkey/client";
import { useAction } from "@latchkey/client/react";
import { useState } from "react";
import { ErrorAlert } from "./alert.tsx";

/** After asking for an email: open its link, or type its code here (on any device). */
export function CheckEmail(props: {
  email: string;
  inboxUrl: string | undefined;
  onSignedIn: () => void;
  onBack: () => void;
}) {
  const [code, setCode] = useState("");
  const [resent, setResent] = useState(false);
  const signIn = useAction(signInWithCode);
  const resend = useAction(() => requestMagicLink({ email: props.email }).then(() => true));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    resend.reset();
    setResent(false);
    if (await signIn.run({ email: props.email, code })) props.onSignedIn();
  };
  const sendAgain = async () => {
    signIn.reset();
    setResent(false);
    setResent((await resend.run()) === true);
  };

  return (
    <section className="card narrow">
      <h1>Check your email</h1>
      <p>
        We sent a sign-in link and a 6-digit code to <strong>{props.email}</strong>. Open the link on this device, or
        type the code here.
      </p>
      {props.inboxUrl && (
        <p className="muted">
          Running locally: the email is in the{" "}
          <a href={props.inboxUrl} target="_blank" rel="noreferrer">
            local inbox
          </a>
          .
        </p>
      )}
      <form onSubmit={submit}>
        <label htmlFor="code">6-digit code</label>
        <input
          id="code"
          className="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <div className="stack">
          <button type="submit" className="primary" disabled={signIn.pending}>
            {signIn.pending ? "Signing in…" : "Sign in with the code"}
          </button>
        </div>
      </form>
      <ErrorAlert error={signIn.error} tried="code" />
      <ErrorAlert error={resend.error} />
      {resent && <p className="alert info">A new email is on its way; the one before still works too.</p>}
      <div className="row" style={{ justifyContent: "space-between", marginTop: "1rem" }}>
        <button type="button" className="link" disabled={resend.pending} onClick={sendAgain}>
          Send a new email
        </button>
        <button type="button" className="link" onClick={props.onBack}>
          Use a different email
        </button>
      </div>
    </section>
  );
}
