// The kill -9 test at a size that fits in `npm test`; `npm run test:crash -w gateway` runs it larger and prints figures.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCrashTest } from './crash/crash.js';

it('loses and doubles nothing when the gateway is killed with SIGKILL under load, again and again', async () => {
    const figures = await runCrashTest({
        calls: 24,
        kills: 3,
        seed: 11,
        parallel: 4,
        timeoutMs: 150_000,
        log: () => undefined
    });
    assert.equal(figures.kills, 3);
    assert.equal(figures.voiceCalls, 24);
    assert.equal(figures.transcripts, 24 * 3);
    assert.equal(figures.lost, 0);
    assert.equal(figures.duplicated, 0);
    assert.equal(figures.unsignedAccepted, 0);
});
