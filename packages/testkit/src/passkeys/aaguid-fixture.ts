import { fileURLToPath } from "node:url";

/** A small AAGUID list in the community format (a file path), for LATCHKEY_AAGUID_SOURCE in tests. */
export const AAGUIDS_FIXTURE = fileURLToPath(new URL("./aaguids.json", import.meta.url));
/** The AAGUID the list names "Latchkey soft authenticator (test fixture)". */
export const SOFT_AAGUID = "6a0bc2a4-3b2c-4d8e-9f10-1a2b3c4d5e6f";
/** Chromium's virtual authenticator's AAGUID, named "Chromium virtual authenticator (test fixture)". */
export const CHROMIUM_AAGUID = "01020304-0506-0708-0102-030405060708";
