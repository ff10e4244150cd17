/**
 * When the api will take another sign-in email request for an address, as its last Retry-After said:
 * kept in this page, so a screen that comes back (or another one) counts down to the same moment.
 */
const until = new Map<string, number>();
const keyOf = (email: string) => email.trim().toLowerCase();

export function noteResendWait(email: string, seconds: number): void {
  until.set(keyOf(email), Date.now() + seconds * 1000);
}

/** Whole seconds until the api takes another request for this address; 0 when it takes one now. */
export function resendWaitSeconds(email: string): number {
  return Math.max(0, Math.ceil(((until.get(keyOf(email)) ?? 0) - Date.now()) / 1000));
}

/**
 * Calls `tick` with the seconds left before another email can be asked for this address: now, then
 * each second down to 0, where it stops. Returns a function that stops it sooner.
 */
export function countDownResend(email: string, tick: (secondsLeft: number) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    const left = resendWaitSeconds(email);
    tick(left);
    // The next tick lands where the count drops by one, not a drifting second after this one.
    if (left > 0) timer = setTimeout(step, ((until.get(keyOf(email)) ?? 0) - Date.now()) % 1000 || 1000);
  };
  step();
  return () => clearTimeout(timer);
}
