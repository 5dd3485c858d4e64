// The pieces that keep DTMF digits out of logs and the session token out of storage after it expires.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { installLogRedaction, REDACTED, redactDigits, redactText } from '../src/redaction.js';
import { expiringTokenStore, type KeyValueStorage, TOKEN_KEY } from '../src/token-storage.js';

class FakeStorage implements KeyValueStorage {
    readonly items = new Map<string, string>();
    blocked = false;
    getItem(key: string): string | null {
        if (this.blocked) throw new Error('blocked');
        return this.items.get(key) ?? null;
    }
    setItem(key: string, value: string): void {
        if (this.blocked) throw new Error('blocked');
        this.items.set(key, value);
    }
    removeItem(key: string): void {
        if (this.blocked) throw new Error('blocked');
        this.items.delete(key);
    }
}

describe('session token storage', () => {
    it('keeps the token with its expiry and forgets it once expired', () => {
        let now = 1_000;
        const storage = new FakeStorage();
        const tokens = expiringTokenStore(storage, () => now);
        tokens.set('t1', 2_000);
        assert.deepEqual(JSON.parse(storage.items.get(TOKEN_KEY)!), { token: 't1', expiresAt: 2_000 });
        assert.equal(tokens.get(), 't1');
        now = 2_000;
        assert.equal(tokens.get(), undefined);
        assert.equal(storage.items.has(TOKEN_KEY), false, 'an expired token is deleted when read');
        tokens.set('t2', 5_000);
        tokens.clear();
        assert.equal(tokens.get(), undefined);
    });

    it('does not trust a bare token without expiry, and lives in memory when storage is blocked', () => {
        const storage = new FakeStorage();
        storage.items.set(TOKEN_KEY, 'bare-token-from-an-older-version');
        const tokens = expiringTokenStore(storage, () => 0);
        assert.equal(tokens.get(), undefined);
        assert.equal(storage.items.has(TOKEN_KEY), false);
        storage.items.set(TOKEN_KEY, '{"token":1}');
        assert.equal(tokens.get(), undefined);
        storage.blocked = true;
        tokens.set('t', 10);
        assert.equal(tokens.get(), 't');
        tokens.clear();
        assert.equal(tokens.get(), undefined);
        const none = expiringTokenStore(undefined, () => 0);
        none.set('m', 1);
        assert.equal(none.get(), 'm');
    });
});

describe('log redaction', () => {
    it('replaces every digits value at any depth and leaves the rest', () => {
        assert.deepEqual(redactDigits([{ type: 'SEND_DIGITS', digits: '1234', nested: { digits: ['9'] } }, 'x', 3]), [
            { type: 'SEND_DIGITS', digits: REDACTED, nested: { digits: REDACTED } },
            'x',
            3
        ]);
        assert.equal(redactDigits(null), null);
        assert.equal(
            redactDigits(
                't|INFO|SYSTEM|{"eventType":"SEND_DIGITS","payload":{"type":"SEND_DIGITS","digits":"41\\"1"}}'
            ),
            't|INFO|SYSTEM|{"eventType":"SEND_DIGITS","payload":{"type":"SEND_DIGITS","digits":"[redacted]"}}'
        );
        assert.equal(
            redactText('{"eventType":"SEND_DIGITS","payload":"4111 1111","isError":true}'),
            '{"eventType":"SEND_DIGITS","payload":"[redacted]","isError":true}'
        );
        assert.equal(redactText('no secrets'), 'no secrets');
        assert.deepEqual(redactDigits({ eventType: 'SEND_DIGITS', payload: '12 34', isError: true }), {
            eventType: 'SEND_DIGITS',
            payload: REDACTED,
            isError: true
        });
    });

    it('patches the port of the first SETUP_CONNECTOR only, and only its LOG messages', () => {
        const listeners: ((e: unknown) => void)[] = [];
        const target = {
            addEventListener: (_: 'message', l: (e: unknown) => void) => listeners.push(l),
            removeEventListener: (_: 'message', l: (e: unknown) => void) => listeners.splice(listeners.indexOf(l), 1)
        };
        installLogRedaction(target);
        const posted: unknown[] = [];
        const port = { postMessage: (m: unknown) => posted.push(m) };
        listeners[0]!({ data: { type: 'OTHER' }, ports: [port] });
        assert.equal(listeners.length, 1);
        listeners[0]!({ data: { type: 'SETUP_CONNECTOR' }, ports: [port] });
        assert.equal(listeners.length, 0);
        port.postMessage({ type: 'LOG', payload: { eventType: 'SEND_DIGITS', payload: { digits: '12' } } });
        port.postMessage({ type: 'TELEPHONY_EVENT_DISPATCHED', payload: { digits: 'kept' } });
        assert.deepEqual(posted, [
            { type: 'LOG', payload: { eventType: 'SEND_DIGITS', payload: { digits: REDACTED } } },
            { type: 'TELEPHONY_EVENT_DISPATCHED', payload: { digits: 'kept' } }
        ]);
    });
});
