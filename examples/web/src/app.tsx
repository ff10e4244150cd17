import { hasSignInLink, signOut } from "@latchkey/client";
import { useAction, useAuth } from "@latchkey/client/react";
import { useCallback, useEffect, useState } from "react";
import { LinkLanding } from "./link-landing.tsx";
import { ProfilePage } from "./profile-page.tsx";
import { SignInPage } from "./sign-in-page.tsx";

/** The demo: a sign-in page, the landing page of an email link, and a profile page once signed in. */
export function App(props: { inboxUrl: string | undefined }) {
  const { user } = useAuth();
  const signingOut = useAction(signOut);
  const [landing, setLanding] = useState(hasSignInLink);
  // After a sign-in by email the profile invites the user to add a passkey.
  const [invite, setInvite] = useState(false);
  const signedInByEmail = useCallback(() => setInvite(true), []);
  const landed = useCallback(() => setLanding(false), []);
  // The invitation is for this sign-in only.
  useEffect(() => {
    if (!user) setInvite(false);
  }, [user]);
  // A link pasted into this tab changes only the fragment: no page load, so listen for it.
  useEffect(() => {
    const follow = () => hasSignInLink() && setLanding(true);
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);

  let page: React.ReactNode;
  if (landing) {
    page = <LinkLanding onSignedIn={signedInByEmail} onDone={landed} />;
  } else if (user) {
    page = <ProfilePage user={user} invite={invite} onInviteDone={() => setInvite(false)} />;
  } else {
    page = <SignInPage inboxUrl={props.inboxUrl} onSignedInByEmail={signedInByEmail} />;
  }
  return (
    <>
      <header>
        <div className="brand">
          <img src="/favicon.svg" alt="" /> Latchkey demo
        </div>
        <nav>
          {props.inboxUrl && (
            <a href={props.inboxUrl} target="_blank" rel="noreferrer">
              Email inbox ↗
            </a>
          )}
          {user && !landing && (
            <button type="button" disabled={signingOut.pending} onClick={() => signingOut.run()}>
              Sign out
            </button>
          )}
        </nav>
      </header>
      <main>{page}</main>
    </>
  );
}
