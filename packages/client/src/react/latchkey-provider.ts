import { type ReactNode, useState } from "react";
import { configure, type LatchkeyClientConfig } from "../config.ts";
// The session machinery (refresh timer, other tabs) runs for React apps that import only this entry.
import "../session.ts";

/**
 * Configures the client once, before its children first render, so every hook below it can read the
 * session. The client keeps one session per page: render one provider, near the root.
 */
export function LatchkeyProvider(props: { config: LatchkeyClientConfig; children?: ReactNode }): ReactNode {
  useState(() => configure(props.config));
  return props.children;
}
