// The gateway as a child process (src/gateway-child-process.ts): started until /healthz answers, its exits told as
// asked-for or not, a graceful stop, and — supervised — no gateway left behind when its parent is killed with SIGKILL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { createInterface } from 'node:readline';
import { GATEWAY_ROOT, GatewayChildProcess, freeLoopbackPort, type GatewayExit } from '../src/gateway-child-process.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-child-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Development configuration: the gateway makes up its secrets, agents and emulator in `dataDir`. */
const developmentEnv = (port: number, dataDir: string): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    SWITCHBOARD_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn'
});

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!condition()) {
        if (Date.now() > deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return true;
}

it('starts until healthy, tells a crash from a requested stop, and stops gracefully', async () => {
    const port = await freeLoopbackPort();
    const output: string[] = [];
    const child = new GatewayChildProcess({
        url: `http://127.0.0.1:${port}`,
        env: developmentEnv(port, join(dir, 'one')),
        onOutput: (chunk) => output.push(chunk),
        supervised: true
    });
    const exits: GatewayExit[] = [];
    child.onExit((exit) => exits.push(exit));
    await child.start(Date.now() + 20_000);
    assert.ok(child.running);
    assert.match(output.join(''), /listening on http:\/\/127\.0\.0\.1:/);
    await assert.rejects(child.start(Date.now() + 1000), /already running/);

    process.kill(child.pid!, 'SIGKILL'); // nobody asked: a crash
    assert.ok(await until(() => exits.length === 1, 5000));
    assert.equal(exits[0]?.requested, false);
    assert.equal(exits[0]?.signal, 'SIGKILL');
    assert.equal(child.running, false);

    await child.start(Date.now() + 20_000);
    await child.stop();
    assert.equal(exits[1]?.requested, true);
    assert.equal(exits[1]?.code, 0, 'SIGTERM: the gateway shut itself down');
    await child.stop(); // nothing to stop: harmless
});

it('says why when the gateway cannot start', async () => {
    const port = await freeLoopbackPort();
    const child = new GatewayChildProcess({
        url: `http://127.0.0.1:${port}`,
        env: { ...developmentEnv(port, join(dir, 'two')), DATABASE_URL: 'postgres://nowhere' }
    });
    await assert.rejects(child.start(Date.now() + 20_000), /exited at start.*PostgreSQL/s);
});

it('supervised, the gateway stops by itself when its parent is killed with SIGKILL', async () => {
    const port = await freeLoopbackPort();
    const script = join(dir, 'parent.mts');
    writeFileSync(
        script,
        [
            `import { GatewayChildProcess } from ${JSON.stringify(join(GATEWAY_ROOT, 'src', 'gateway-child-process.ts'))};`,
            `const child = new GatewayChildProcess({ url: 'http://127.0.0.1:${port}', env: ${JSON.stringify(developmentEnv(port, join(dir, 'three')))}, supervised: true });`,
            'await child.start(Date.now() + 20_000);',
            'process.stdout.write(`${child.pid}\\n`);',
            'setInterval(() => undefined, 1000);'
        ].join('\n')
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', script], {
        cwd: GATEWAY_ROOT,
        stdio: ['ignore', 'pipe', 'inherit']
    });
    const lines = createInterface({ input: parent.stdout });
    const pid = Number(
        await new Promise<string>((resolve, reject) => {
            lines.once('line', resolve);
            parent.once('exit', (code) => reject(new Error(`the parent exited (${code}) before starting the gateway`)));
        })
    );
    assert.ok(pid > 0 && alive(pid));
    parent.kill('SIGKILL');
    assert.ok(await until(() => !alive(pid), 10_000), `gateway ${pid} outlived its parent`);
});
