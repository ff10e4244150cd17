import type { LatchkeyUser } from "@latchkey/client";
import { PasskeyManager, PasskeyOffer } from "@latchkey/ui/react";
import { useEffect, useRef } from "react";
import { ClaimsTable } from "./claims-table.tsx";

/** Signed in: the offer of a passkey after an email sign-in, who you are (the ID token's claims), your passkeys. */
export function ProfilePage(props: { user: LatchkeyUser }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The sign-in screen that had the focus is gone: the new page's heading takes it.
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) heading.current?.focus();
  }, []);
  return (
    <>
      <PasskeyOffer />
      <section className="lk-card" aria-labelledby="signed-in">
        <h1 id="signed-in" className="lk-title" tabIndex={-1} ref={heading}>
          You're signed in
        </h1>
        <p className="lk-muted">
          as <strong>{props.user.email ?? props.user.phoneNumber ?? props.user.username}</strong>, with tokens that
          Cognito issued.
        </p>
      </section>
      <PasskeyManager />
      <section className="lk-card" aria-labelledby="claims">
        <h2 id="claims" className="lk-title">
          Your ID token's claims
        </h2>
        <ClaimsTable claims={props.user.claims} />
      </section>
    </>
  );
}
