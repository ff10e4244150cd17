import "@latchkey/ui/styles.css";
import { LatchkeyProvider } from "@latchkey/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";

/** What the local stack (or your deployment) tells the page: see packages/local/src/app-server.ts. */
interface DemoConfig {
  userPoolId: string;
  clientId: string;
  cognitoEndpoint: string;
  apiUrl: string;
  sesUrl?: string;
  smsUrl?: string;
}

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
const config = await fetch("/latchkey-config.json")
  .then((response) => (response.ok ? (response.json() as Promise<DemoConfig>) : undefined))
  .catch(() => undefined);
if (!config) {
  root.innerHTML =
    '<main><p class="alert error">The demo could not load its settings. Is <code>pnpm start</code> still running?</p></main>';
  throw new Error("no /latchkey-config.json");
}

createRoot(root).render(
  <StrictMode>
    <LatchkeyProvider
      config={{
        cognito: { userPoolId: config.userPoolId, clientId: config.clientId, endpoint: config.cognitoEndpoint },
        apiUrl: config.apiUrl,
      }}
    >
      <App inboxUrl={config.sesUrl} outboxUrl={config.smsUrl} />
    </LatchkeyProvider>
  </StrictMode>,
);
