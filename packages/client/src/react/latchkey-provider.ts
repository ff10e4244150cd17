import { type ReactNode, useState } from "react";
import type { LatchkeyClientConfig } from "../session/config.ts";
import { configure } from "../session/default-session.ts";

/**
 * Configures the client once, before its children first render, so every hook below it can read the
 * session. The client keeps one session per page: render one provider, near the root.
 */
export function LatchkeyProvider(props: { config: LatchkeyClientConfig; children?: ReactNode }): ReactNode {
  useState(() => configure(props.config));
  return props.children;
}
