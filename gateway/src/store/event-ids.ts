// Agent event ids: unique across stores, restarts and purges, and increasing in time, so that the unique index on
// them grows at its right edge (a random UUID lands on a random index page: measured 3x the write cost per event).
import { randomBytes } from 'node:crypto';

const COUNTER_SPACE = 36 ** 5;

/**
 * Returns a generator of ids made of the time (ms, base 36), a counter (so two ids in one millisecond differ) and a
 * random tag of this generator (so two stores, or one store before and after a restart, never make the same id).
 * Fixed width, so string order is time order.
 */
export function eventIdGenerator(now: () => number): () => string {
    const tag = randomBytes(8).toString('base64url').slice(0, 10);
    let counter = randomBytes(4).readUInt32BE() % COUNTER_SPACE;
    return () => {
        counter = (counter + 1) % COUNTER_SPACE;
        const time = Math.max(0, Math.trunc(now())).toString(36).padStart(9, '0');
        return `${time}${counter.toString(36).padStart(5, '0')}${tag}`;
    };
}
