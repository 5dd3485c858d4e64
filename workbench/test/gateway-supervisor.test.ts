// The gateway supervisor's decisions, on a fake child process (the real one runs in server.test.ts): a crash is
// restarted with growing delays and said so, a start that keeps failing ends in 'failed', a requested restart or
// stop is not taken for a crash.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { GatewayExit } from '@switchboard/gateway/child-process';
import type { GatewayState } from '../src/api.js';
import { GatewaySupervisor, defaultBackoff, type SupervisedChild } from '../src/gateway-supervisor.js';

class FakeChild implements SupervisedChild {
    pid: number | undefined;
    stderrTail = '';
    starts = 0;
    /** How the next starts go: true = healthy, false = exits at start. */
    plan: boolean[] = [];
    readonly #listeners = new Set<(exit: GatewayExit) => void>();
    #nextPid = 100;

    start(): Promise<void> {
        this.starts++;
        if (this.plan.shift() === false) return Promise.reject(new Error('the gateway exited at start (code 1): boom'));
        this.pid = this.#nextPid++;
        return Promise.resolve();
    }
    kill(): Promise<void> {
        this.#exit({ code: null, signal: 'SIGKILL', requested: true });
        return Promise.resolve();
    }
    stop(): Promise<void> {
        this.#exit({ code: 0, signal: null, requested: true });
        return Promise.resolve();
    }
    killNow(): void {
        this.#exit({ code: null, signal: 'SIGKILL', requested: true });
    }
    onExit(listener: (exit: GatewayExit) => void): () => void {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
    }
    /** The gateway dies by itself. */
    crash(): void {
        this.#exit({ code: 1, signal: null, requested: false });
    }
    #exit(exit: Omit<GatewayExit, 'pid'>): void {
        if (this.pid === undefined) return;
        const pid = this.pid;
        this.pid = undefined;
        for (const listener of this.#listeners) listener({ ...exit, pid });
    }
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function supervised(child: FakeChild, maxRestarts = 3) {
    const states: [GatewayState, string | undefined][] = [];
    const supervisor = new GatewaySupervisor({ child, log: quiet, backoffMs: () => 5, maxRestarts });
    supervisor.onState((state, detail) => states.push([state, detail]));
    return { supervisor, states, names: () => states.map(([state]) => state) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Waits for the supervisor to reach `state` (a fixed pause is too short on a loaded machine). */
async function reaches(supervisor: GatewaySupervisor, state: GatewayState): Promise<void> {
    const deadline = Date.now() + 5000;
    while (supervisor.state !== state) {
        if (Date.now() > deadline) assert.fail(`the supervisor is ${supervisor.state}, not ${state}, after 5 s`);
        await settle();
    }
}

it('restarts a gateway that died, says so, and is up again', async () => {
    const child = new FakeChild();
    const { supervisor, states, names } = supervised(child);
    await supervisor.start();
    assert.deepEqual(names(), ['starting', 'up']);
    child.crash();
    await settle();
    await reaches(supervisor, 'up');
    assert.deepEqual(names(), ['starting', 'up', 'down', 'restarting', 'up']);
    assert.match(states[3]?.[1] ?? '', /exited with code 1; starting it again in 0\.0 s \(attempt 1 of 3\)/);
    assert.equal(child.starts, 2);
    await supervisor.stop();
    assert.equal(supervisor.state, 'down');
});

it('gives up after repeated failures, and the restart scenario tries again', async () => {
    const child = new FakeChild();
    const { supervisor, states } = supervised(child, 2);
    await supervisor.start();
    child.plan = [false, false, false];
    child.crash();
    await reaches(supervisor, 'failed');
    assert.match(states.at(-1)?.[1] ?? '', /gave up after 2 restarts in a row/);
    child.plan = [true];
    await supervisor.restart();
    assert.equal(supervisor.state, 'up');
    await supervisor.stop();
});

it('a requested restart or stop is no crash; a failed start is "failed" with the reason', async () => {
    const child = new FakeChild();
    const { supervisor, names } = supervised(child);
    await supervisor.start();
    const firstPid = child.pid;
    await supervisor.restart();
    assert.notEqual(child.pid, firstPid);
    await supervisor.stop();
    await settle();
    assert.deepEqual(names(), ['starting', 'up', 'restarting', 'up', 'down']);
    assert.equal(child.starts, 2, 'nothing restarted after the stop');

    const failing = new FakeChild();
    failing.plan = [false];
    const second = supervised(failing);
    await assert.rejects(second.supervisor.start(), /boom/);
    assert.equal(second.supervisor.state, 'failed');
    assert.match(second.supervisor.detail ?? '', /boom/);
});

it('backs off 0.5 s, doubling, to at most 10 s', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(defaultBackoff), [500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
});
