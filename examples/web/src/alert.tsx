import type { LatchkeyClientError } from "@latchkey/client";
import { friendlyMessage } from "./friendly-message.ts";

/** An error, in words, where the person is looking; nothing when there is none. */
export function ErrorAlert(props: { error: LatchkeyClientError | undefined; tried?: "passkey" | "code" | "link" }) {
  if (!props.error) return null;
  return (
    <p className="alert error" role="alert" data-code={props.error.code}>
      {friendlyMessage(props.error, props.tried)}
    </p>
  );
}
