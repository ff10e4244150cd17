// An app of its own that installed @latchkey/client from the registry, configured from the
// local stack's coordinates (.env.local, written from .local-stack.json).
import {
  LatchkeyClientError,
  registerPasskey,
  requestMagicLink,
  signInWithCode,
  signInWithPasskey,
  signOut,
} from "@latchkey/client";
import { LatchkeyProvider, useAuth } from "@latchkey/client/react";
import "@latchkey/ui/styles.css";
import { PasskeyManager } from "@latchkey/ui/react";
import { type FormEvent, StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";

const config = {
  cognito: {
    userPoolId: import.meta.env.VITE_USER_POOL_ID,
    clientId: import.meta.env.VITE_CLIENT_ID,
    endpoint: import.meta.env.VITE_COGNITO_ENDPOINT,
  },
  apiUrl: import.meta.env.VITE_API_URL,
};

function App() {
  const { status, user } = useAuth();
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [sent, setSent] = useState(false);
  const [message, setMessage] = useState("");
  const run = (action: () => Promise<unknown>, done: string) => () =>
    action().then(
      () => setMessage(done),
      (error: unknown) => setMessage(error instanceof LatchkeyClientError ? error.code : String(error)),
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sent) void run(() => requestMagicLink({ email }).then(() => setSent(true)), "Code sent")();
    else void run(() => signInWithCode({ email, code }), "Signed in")();
  };

  if (status === "signed-in") {
    return (
      <main>
        <h1>Signed in as {user?.email}</h1>
        <button type="button" onClick={run(() => registerPasskey({ friendlyName: "My laptop" }), "Passkey added")}>
          Register a passkey
        </button>
        <button type="button" onClick={run(() => signOut(), "Signed out")}>
          Sign out
        </button>
        <output>{message}</output>
        <PasskeyManager />
      </main>
    );
  }
  return (
    <main>
      <form onSubmit={submit}>
        <label>
          Email <input value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        {sent && (
          <label>
            Code <input value={code} onChange={(event) => setCode(event.target.value)} />
          </label>
        )}
        <button type="submit">{sent ? "Sign in" : "Email me a code"}</button>
      </form>
      <button type="button" onClick={run(() => signInWithPasskey(), "Signed in")}>
        Sign in with a passkey
      </button>
      <output>{message}</output>
    </main>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("no #root");
createRoot(root).render(
  <StrictMode>
    <LatchkeyProvider config={config}>
      <App />
    </LatchkeyProvider>
  </StrictMode>,
);
