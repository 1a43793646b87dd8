/** Reconnect delays of the live feed: 0.5 s doubling up to 10 s. */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 10_000;
/** Each delay is spread ±20 % so that a room of consoles does not reconnect in lock-step. */
export const BACKOFF_JITTER = 0.2;

/**
 * Delay before reconnect attempt `attempt` (0 for the first retry after a loss).
 * `random` is a number in [0, 1), normally Math.random().
 */
export function backoffDelay(attempt: number, random: number): number {
  const exponent = Math.min(Math.max(attempt, 0), 20);
  const nominal = Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_MAX_MS);
  const spread = 1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random;
  return Math.round(Math.min(nominal * spread, BACKOFF_MAX_MS));
}
