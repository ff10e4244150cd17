import { hasSignInLink, signOut } from "@latchkey/client";
import { useAction, useAuth } from "@latchkey/client/react";
import { LinkLanding, SignIn, SmsSignIn } from "@latchkey/ui/react";
import { useCallback, useEffect, useState } from "react";
import { ProfilePage } from "./profile-page.tsx";
import { ThemePicker } from "./theme-picker.tsx";

/**
 * The demo: the kit's sign-in (by email and passkey, and by text), the landing page of an email link,
 * and a profile page once signed in.
 */
export function App(props: { inboxUrl: string | undefined; outboxUrl: string | undefined }) {
  const { user } = useAuth();
  const signingOut = useAction(signOut);
  // Which link the landing page is for: each one opened in this tab gets a landing page of its own.
  const [landing, setLanding] = useState(() => (hasSignInLink() ? 1 : 0));
  // The sign-in by text, in place of the email and passkey one.
  const [byText, setByText] = useState(false);
  const landed = useCallback(() => setLanding(0), []);
  // A link pasted into this tab changes only the fragment: no page load, so listen for it.
  useEffect(() => {
    const follow = () => hasSignInLink() && setLanding((count) => count + 1);
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);

  let page: React.ReactNode;
  if (landing) page = <LinkLanding key={landing} onSignedIn={landed} onDone={landed} />;
  else if (user) page = <ProfilePage user={user} />;
  else
    page = (
      <>
        {byText ? <SmsSignIn /> : <SignIn />}
        <button type="button" className="lk-button lk-link switch-sign-in" onClick={() => setByText(!byText)}>
          {byText ? "Use email or a passkey instead" : "Sign in with a text message instead"}
        </button>
      </>
    );
  return (
    <>
      <header>
        <div className="brand">
          <img src="/favicon.svg" alt="" /> Latchkey demo
        </div>
        <nav aria-label="Demo">
          <ThemePicker />
          {props.inboxUrl && (
            <a href={props.inboxUrl} target="_blank" rel="noreferrer">
              Email inbox
            </a>
          )}
          {props.outboxUrl && (
            <a href={props.outboxUrl} target="_blank" rel="noreferrer">
              SMS outbox
            </a>
          )}
          {user && !landing && (
            <button type="button" className="lk-button" disabled={signingOut.pending} onClick={() => signingOut.run()}>
              Sign out
            </button>
          )}
        </nav>
      </header>
      <main>{page}</main>
    </>
  );
}
