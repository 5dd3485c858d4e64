// Agents' session tokens are short-lived: checked before every action, not only at sign-in.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startHarness, TestAgent, type Harness } from './harness.js';

let h: Harness;
let offsetMs = 0;
before(async () => {
    h = await startHarness({ sessionTtlSeconds: 120, now: () => Date.now() + offsetMs });
});
after(async () => {
    await h.close();
});

it('refuses every action once the session token has expired, and a reconnect with it', async () => {
    const ada = new TestAgent(h.url);
    await ada.connect();
    const welcome = await ada.signIn({ kind: 'password', username: 'ada', password: 'ada-demo-password' });
    assert.equal(welcome.kind, 'welcome');
    const token = welcome.kind === 'welcome' ? welcome.sessionToken : '';
    assert.ok(welcome.kind === 'welcome' && welcome.sessionTokenExpiresAt <= Date.now() + 121_000);
    assert.equal((await ada.request('getVendorStatus', {})).ok, true);

    offsetMs = 121_000;
    const late = await ada.request('getVendorStatus', {});
    assert.equal(late.ok, false);
    assert.equal(!late.ok && late.error.code, 'UNAUTHENTICATED');
    const renew = await ada.request('renewSession', {});
    assert.equal(!renew.ok && renew.error.code, 'UNAUTHENTICATED', 'an expired session cannot renew itself');

    const again = new TestAgent(h.url);
    await again.connect();
    const refused = await again.signIn({ kind: 'session', token });
    assert.equal(refused.kind === 'rejected' && refused.error.code, 'UNAUTHENTICATED');
    assert.match(refused.kind === 'rejected' ? refused.error.message : '', /expired/);
    ada.close();
});
