import { fileURLToPath } from "node:url";

/** The demo app's directory, for `startLocalStack({ demo })` in suites that drive the demo. */
export const DEMO_DIR = fileURLToPath(new URL("../../../examples/web", import.meta.url));
