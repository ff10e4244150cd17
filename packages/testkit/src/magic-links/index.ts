/** Magic links without the api: deps with a movable clock, and links issued by issueMagicLink itself. */
export * from "./issue-test-link.ts";
export * from "./test-deps.ts";

import { randomBytes } from "node:crypto";

/** A same-browser link's verifier, as the client keeps it. */
export const newVerifier = () => randomBytes(32).toString("base64url");
