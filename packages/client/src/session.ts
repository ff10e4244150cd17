import { notifyChange, onChange } from "./change.ts";
import { getConfig, onConfigured } from "./config.ts";
import { refreshTokens } from "./refresh-tokens.ts";
import { readTokens, tokenStore } from "./tokens.ts";

/** How long to wait before trying again when a refresh could not reach Cognito. */
const RETRY_MS = 30_000;
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

/** Keeps a refresh timer set for `margin` before the current tokens expire; a new token moves it. */
function schedule(): void {
  clearTimeout(timer);
  timer = undefined;
  const { autoRefresh, refreshMarginMs } = getConfig();
  const tokens = readTokens();
  if (!autoRefresh || !tokens?.refreshToken) return;
  timer = setTimeout(
    () => {
      refreshTokens().then(
        // A refresh reschedules through its change; a timer that fired early changed nothing, so set it again.
        () => schedule(),
        () => {
          // A refused refresh token signs the user out (a change that reschedules); an outage retries.
          if (readTokens()) timer = setTimeout(schedule, RETRY_MS);
        },
      );
    },
    Math.max(0, tokens.expiresAt - refreshMarginMs - Date.now()),
  );
}

onChange(schedule);
onConfigured(() => {
  // Another tab signed in, refreshed or signed out: follow it (localStorage only fires this across tabs).
  if (!listening && typeof addEventListener === "function") {
    listening = true;
    addEventListener("storage", (event: StorageEvent) => {
      if (event.key === null || tokenStore().owns(event.key)) notifyChange();
    });
  }
  notifyChange();
});
