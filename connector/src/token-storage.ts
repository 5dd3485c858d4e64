// The gateway session token kept for a page refresh (sessionStorage in the browser). It is kept with its expiry and
// never handed out after it: a token read out of the tab's storage is worth at most its remaining minutes (the
// gateway issues short-lived tokens and the connector renews them), and an expired one is deleted when read.
import type { TokenStore } from './connector.js';

/** What the store needs of `Storage`; undefined when the browser blocks storage (the token then lives in memory). */
export interface KeyValueStorage {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

export const TOKEN_KEY = 'switchboard.gatewaySession';

export function expiringTokenStore(storage: KeyValueStorage | undefined, now: () => number): TokenStore {
    let memory: { token: string; expiresAt: number } | undefined;
    const read = (): { token: string; expiresAt: number } | undefined => {
        let raw: string | null | undefined;
        try {
            raw = storage?.getItem(TOKEN_KEY);
        } catch {
            raw = undefined;
        }
        if (!raw) return memory;
        try {
            const kept = JSON.parse(raw) as { token?: unknown; expiresAt?: unknown };
            if (typeof kept.token === 'string' && typeof kept.expiresAt === 'number')
                return { token: kept.token, expiresAt: kept.expiresAt };
        } catch {
            // a bare token from an older connector version: it has no expiry, so it is not trusted
        }
        return undefined;
    };
    const clear = (): void => {
        memory = undefined;
        try {
            storage?.removeItem(TOKEN_KEY);
        } catch {
            // blocked storage: nothing was kept there
        }
    };
    return {
        get: () => {
            const kept = read();
            if (kept && kept.expiresAt > now()) return kept.token;
            clear();
            return undefined;
        },
        set: (token, expiresAt) => {
            memory = { token, expiresAt };
            try {
                storage?.setItem(TOKEN_KEY, JSON.stringify(memory));
            } catch {
                // storage full or blocked: the token lives in memory until the page reloads
            }
        },
        clear
    };
}
