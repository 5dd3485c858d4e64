// The login frame's single sign-on hand-off (src/sso.ts), on a stand-in window.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MessageTarget, SSO_MESSAGE_TYPE, SsoCodeReceiver } from '../src/sso.js';

const SSO = 'https://sso.example.com';

/** A window that only dispatches `message` events to its listeners. */
class StandInWindow implements MessageTarget {
    readonly listeners = new Set<(event: MessageEvent) => void>();
    addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
        this.listeners.add(listener);
    }
    removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
        this.listeners.delete(listener);
    }
    post(origin: string, data: unknown): void {
        for (const listener of [...this.listeners]) listener({ origin, data } as MessageEvent);
    }
}

describe('single sign-on code hand-off', () => {
    it('keeps one listener however often the login frame is shown, and one code starts one sign-in', () => {
        const window = new StandInWindow();
        const receiver = new SsoCodeReceiver(window);
        const signIns: string[] = [];
        // The login frame is shown three times (sign-out, lost session...), each arming the receiver.
        for (const frame of [1, 2, 3]) receiver.arm(SSO, (code) => signIns.push(`frame ${frame}: ${code}`));
        assert.equal(window.listeners.size, 1);
        window.post(SSO, { type: SSO_MESSAGE_TYPE, code: 'one-time-code-0123456789' });
        window.post(SSO, { type: SSO_MESSAGE_TYPE, code: 'one-time-code-0123456789' });
        assert.deepEqual(signIns, ['frame 3: one-time-code-0123456789']);
        assert.equal(window.listeners.size, 0, 'redeeming a code stops listening');
        assert.equal(receiver.armed, false);
    });

    it('trusts only the SSO page origin and its message shape; disarming removes the listener', () => {
        const window = new StandInWindow();
        const receiver = new SsoCodeReceiver(window);
        const codes: string[] = [];
        receiver.arm(SSO, (code) => codes.push(code));
        window.post('https://evil.example.com', { type: SSO_MESSAGE_TYPE, code: 'stolen-code-0123456789' });
        window.post(SSO, { type: 'something.else', code: 'x' });
        window.post(SSO, { type: SSO_MESSAGE_TYPE, code: 42 });
        window.post(SSO, { type: SSO_MESSAGE_TYPE, code: '' });
        window.post(SSO, null);
        assert.equal(codes.length, 0);
        assert.equal(receiver.armed, true);
        receiver.disarm();
        receiver.disarm();
        assert.equal(window.listeners.size, 0);
        window.post(SSO, { type: SSO_MESSAGE_TYPE, code: 'late-code-0123456789' });
        assert.equal(codes.length, 0);
        receiver.arm(SSO, (code) => codes.push(code));
        window.post(SSO, { type: SSO_MESSAGE_TYPE, code: 'retry-code-0123456789' });
        assert.deepEqual(codes, ['retry-code-0123456789']);
    });
});
