// Reconnect delays: exponential with full jitter, so a gateway restart is not met by every agent's browser at the
// same instant. Pure: the caller supplies the random source.

export interface BackoffPolicy {
    /** Delay ceiling for the first retry, in ms. */
    baseMs: number;
    /** No delay is ever longer than this. */
    maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/** Delay before retry number `attempt` (0 for the first retry): uniform in [0, min(max, base·2^attempt)]. */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
    const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
    return Math.floor(random() * ceiling);
}
