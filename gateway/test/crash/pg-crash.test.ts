// The three-instance kill -9 test at a size for `npm run test:pg` (not in `npm test`: it restarts gateway processes
// for about a minute); `npm run test:pg:crash -w @switchboard/gateway` runs it larger and prints the figures.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { testServer } from '../pg-server.js';
import { runPgCrashTest } from './pg-crash.js';

it('three gateways on one PostgreSQL lose, double and reorder nothing when killed with SIGKILL and when the database restarts', async () => {
    // The test's own throwaway server when it has one (it restarts it); else the crash test starts one.
    const database = await testServer();
    const figures = await runPgCrashTest({
        calls: 16,
        kills: 3,
        seed: 5,
        parallel: 4,
        timeoutMs: 180_000,
        ...(database ? { database } : {}),
        log: () => undefined
    });
    assert.deepEqual(
        [figures.voiceCalls, figures.transcripts, figures.lost, figures.duplicated, figures.outOfOrder, figures.kills],
        [16, 48, 0, 0, 0, 3]
    );
    assert.equal(figures.databaseRestarts, 1);
    assert.equal(figures.agentEventsLost, 0);
    assert.equal(figures.agentEventsDuplicated, 0);
});
