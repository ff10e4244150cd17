import { LatchkeyError } from "../errors.ts";
import { isServiceOutage } from "../is-service-outage.ts";

/** A failure worth trying again as SERVICE_UNAVAILABLE, saying what failed; any other as it is. */
export function unavailable(what: string) {
  return (cause: unknown): never => {
    if (!isServiceOutage(cause)) throw cause;
    throw new LatchkeyError("SERVICE_UNAVAILABLE", `Could not ${what}; try again later.`, { cause });
  };
}
