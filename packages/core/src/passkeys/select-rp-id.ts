import { LatchkeyError } from "../errors.ts";
import type { PasskeyPolicy } from "./policy.ts";

/**
 * The RP ID options are made for: the one asked for (it must be configured), else the one the calling
 * page's origin belongs to, else the first configured.
 */
export function selectRpId(
  policy: PasskeyPolicy,
  input: { requested?: string | undefined; origin?: string | undefined },
) {
  const { relyingPartyIds } = policy;
  if (input.requested !== undefined) {
    if (!relyingPartyIds.includes(input.requested)) throw new LatchkeyError("BAD_REQUEST", "Unknown RP ID.");
    return input.requested;
  }
  const host = hostOf(input.origin);
  const match = host && relyingPartyIds.find((rpId) => host === rpId || host.endsWith(`.${rpId}`));
  return match || (relyingPartyIds[0] as string);
}

function hostOf(origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined;
  }
}
