import type { Passkey } from "@latchkey/client";
import type { PasskeysState } from "@latchkey/client/react";
import { useState } from "react";

/** For authenticators the AAGUID list does not know. */
function KeyIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="8" cy="12" r="4" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 12h9m-3 0v3m-3-3v2" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** One passkey: its authenticator, dates and sync state, with rename (inline) and delete (confirmed). */
export function PasskeyItem(props: { passkey: Passkey; state: PasskeysState }) {
  const { passkey, state } = props;
  const [mode, setMode] = useState<"view" | "rename" | "delete">("view");
  const [name, setName] = useState(passkey.friendlyName);

  const rename = async (event: React.FormEvent) => {
    event.preventDefault();
    if (await state.rename(passkey.id, name.trim())) setMode("view");
  };
  const icon = passkey.iconLight;
  return (
    <li className="passkey" data-passkey-id={passkey.id}>
      {icon ? <img className="icon" src={icon} alt="" /> : <KeyIcon />}
      <div>
        {mode === "rename" ? (
          <form className="row" onSubmit={rename}>
            <input
              aria-label="Passkey name"
              value={name}
              maxLength={64}
              required
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit" className="primary" disabled={state.loading}>
              Save
            </button>
            <button type="button" onClick={() => setMode("view")}>
              Cancel
            </button>
          </form>
        ) : (
          <div className="name">
            {passkey.friendlyName}
            {passkey.backedUp && <span className="badge">Synced</span>}
          </div>
        )}
        <div className="muted">
          {passkey.authenticatorName ?? "Unknown authenticator"} · Created {when(passkey.createdAt)} ·{" "}
          {passkey.lastUsedAt ? `Last used ${when(passkey.lastUsedAt)}` : "Never used to sign in"}
        </div>
      </div>
      {mode === "delete" ? (
        <div className="row">
          <button
            type="button"
            className="danger"
            disabled={state.loading}
            onClick={async () => {
              if (!(await state.remove(passkey.id))) setMode("view");
            }}
          >
            Delete it
          </button>
          <button type="button" onClick={() => setMode("view")}>
            Keep
          </button>
        </div>
      ) : (
        mode === "view" && (
          <div className="row">
            <button type="button" aria-label={`Rename ${passkey.friendlyName}`} onClick={() => setMode("rename")}>
              Rename
            </button>
            <button
              type="button"
              className="danger"
              aria-label={`Delete ${passkey.friendlyName}`}
              onClick={() => setMode("delete")}
            >
              Delete
            </button>
          </div>
        )
      )}
    </li>
  );
}
