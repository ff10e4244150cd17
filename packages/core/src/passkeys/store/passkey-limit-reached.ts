import { LatchkeyError } from "../../errors.ts";

export const passkeyLimitReached = (max: number) =>
  new LatchkeyError(
    "PASSKEY_LIMIT_REACHED",
    `This account has ${max} passkeys, as many as it may have; delete one to add another.`,
  );
