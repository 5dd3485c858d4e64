// A throwaway PostgreSQL server for tests and local runs: initdb into a temporary folder, pg_ctl start on a free
// loopback port (Unix socket in the same folder), removed at the end. No Docker, no service manager. initdb refuses to
// run as root, so as root (CI containers) the server runs as the `postgres` user through runuser.
//
//   node scripts/pg/throwaway.mjs -- <command...>   runs the command with SWITCHBOARD_TEST_DATABASE_URL set to a
//                                                   fresh server, then stops and removes it (exit code: the command's)
//
// Tests import startThrowawayPostgres() and start their own server unless SWITCHBOARD_TEST_DATABASE_URL is set.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommandLine, usageFailure } from '../lib/cli.mjs';

export const INSTALL_HINT =
    "PostgreSQL's server programs (initdb, pg_ctl) were not found: install Debian's postgresql package " +
    '(apt-get install postgresql) or put its bin folder on PATH.';

/** The folder holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<version>/bin, newest. */
export function findPostgresBin() {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
        if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
    }
    const root = '/usr/lib/postgresql';
    if (existsSync(root)) {
        const versions = readdirSync(root)
            .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
            .sort((a, b) => Number(b) - Number(a));
        if (versions.length > 0) return join(root, versions[0], 'bin');
    }
    return undefined;
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
    });
}

/**
 * Starts a server. Returns { url, port, dir, restart(), stop() }; stop() is also run when this process exits, and a
 * watchdog removes the server if this process is killed with SIGKILL.
 * @param {{ fsync?: boolean }} [options] fsync off (the default) is for tests: a crash of the machine is not tested.
 */
export async function startThrowawayPostgres(options = {}) {
    const bin = findPostgresBin();
    if (bin === undefined) throw new Error(INSTALL_HINT);
    const asRoot = process.getuid?.() === 0;
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
    const data = join(dir, 'data');
    const logFile = join(dir, 'server.log');
    const run = (program, args) => {
        const command = asRoot
            ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
            : [join(bin, program), args];
        const result = spawnSync(command[0], command[1], { encoding: 'utf8' });
        if (result.status !== 0) {
            const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
            throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}${log}`);
        }
    };
    if (asRoot) {
        const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
        const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
        chownSync(dir, uid, gid);
    }
    const port = await freePort();
    const serverOptions = [
        `-p ${port}`,
        `-k ${dir}`,
        '-c listen_addresses=127.0.0.1',
        `-c fsync=${options.fsync ? 'on' : 'off'}`,
        '-c max_connections=200'
    ].join(' ');
    let stopped = false;
    const stop = () => {
        if (stopped) return;
        stopped = true;
        try {
            if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    };
    try {
        run('initdb', [
            '-D',
            data,
            '-U',
            'switchboard',
            '--auth=trust',
            '-E',
            'UTF8',
            '--no-sync',
            '--no-instructions'
        ]);
        run('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', logFile, '-o', serverOptions]);
    } catch (error) {
        stop();
        throw error;
    }
    process.once('exit', stop);
    // If this process dies without running its exit handlers (SIGKILL), the server must not outlive it.
    const watchdog = spawn(
        'sh',
        [
            '-c',
            'while kill -0 "$1" 2>/dev/null; do sleep 1; done; [ -f "$2/postmaster.pid" ] && $3 "$4/pg_ctl" stop -D "$2" -m immediate; rm -rf "$5"',
            'watchdog',
            String(process.pid),
            data,
            asRoot ? 'runuser -u postgres --' : '',
            bin,
            dir
        ],
        { detached: true, stdio: 'ignore' }
    );
    watchdog.unref();
    return {
        url: `postgres://switchboard@127.0.0.1:${port}/postgres`,
        port,
        dir,
        /** Stops the server at once (no checkpoint, as a crash would) and starts it again on the same port. */
        restart: () => {
            run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
            run('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', logFile, '-o', serverOptions]);
        },
        /** Stops for `ms` (immediate), then starts again: callers see the database gone, then back. */
        bounce: async (ms) => {
            run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
            await new Promise((resolve) => setTimeout(resolve, ms));
            run('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', logFile, '-o', serverOptions]);
        },
        stop: () => {
            process.removeListener('exit', stop);
            stop();
        }
    };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    const { positionals: command } = runCommandLine({
        usage: 'node scripts/pg/throwaway.mjs -- <command...>',
        about: 'Starts a throwaway PostgreSQL server, runs the command with SWITCHBOARD_TEST_DATABASE_URL pointing at it,\nthen removes the server and its data.',
        positionals: true,
        options: {}
    });
    if (command.length === 0) usageFailure('give the command to run after --');
    let server;
    try {
        server = await startThrowawayPostgres();
    } catch (error) {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    }
    process.stderr.write(`throwaway PostgreSQL at ${server.url}\n`);
    const child = spawn(command[0], command.slice(1), {
        stdio: 'inherit',
        env: { ...process.env, SWITCHBOARD_TEST_DATABASE_URL: server.url }
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
        server.stop();
        process.exit(code ?? (signal ? 1 : 0));
    });
}
