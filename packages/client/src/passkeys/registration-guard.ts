/** Registrations this page has started, and how many of them are still under way. */
let started = 0;
let running = 0;

/** Runs a passkey registration, so that a list fetched meanwhile is known to be possibly out of date. */
export async function duringRegistration<T>(run: () => Promise<T>): Promise<T> {
  started++;
  running++;
  try {
    return await run();
  } finally {
    running--;
  }
}

/**
 * A check that stays true while no registration of this page has been under way since it was made. A
 * list of accepted passkeys fetched while one was would lack the new passkey, and signalling it would
 * have the password manager hide the passkey it has just made.
 */
export function noRegistrationSince(): () => boolean {
  const at = started;
  const idle = running === 0;
  return () => idle && started === at;
}
