// The gateway as a child process of another Node process: spawn src/main.ts, wait until it answers /healthz, kill it
// with SIGKILL (as a crash would) or stop it with SIGTERM (its own graceful shutdown). One implementation for the
// kill -9 test, the benchmark and the workbench's supervisor.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The gateway workspace folder; the child runs there, so `--import tsx` resolves from its node_modules. */
export const GATEWAY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GATEWAY_MAIN = join(GATEWAY_ROOT, 'src', 'main.ts');
/** Set to "1" by a supervised start: src/main.ts then stops when its stdin (a pipe from the parent) closes. */
export const EXIT_WITH_PARENT_ENV = 'SWITCHBOARD_EXIT_WITH_PARENT';

const STDERR_TAIL_CHARS = 8192;

export interface GatewayChildOptions {
    /** The gateway's own URL (`http://127.0.0.1:<port>`): its /healthz says it is up. */
    url: string;
    /** The child's environment, which carries its configuration. Default: this process's. */
    env?: NodeJS.ProcessEnv;
    /** Node flags before `--import tsx` (e.g. --cpu-prof). */
    nodeArgs?: string[];
    /** Everything the gateway writes; without it stdout is dropped. stderr's tail is kept for errors either way. */
    onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
    /**
     * For a long-lived parent: the gateway gets a process group of its own (a terminal's Ctrl-C reaches only the
     * parent, which stops it) and stops by itself when the parent is gone, even killed with SIGKILL.
     */
    supervised?: boolean;
}

export interface GatewayExit {
    pid: number | undefined;
    code: number | null;
    signal: NodeJS.Signals | null;
    /** True when kill() or stop() asked for it; false for a crash or any exit nobody asked for. */
    requested: boolean;
}

export class GatewayChildProcess {
    readonly #options: GatewayChildOptions;
    #child: ChildProcess | undefined;
    #requested = false;
    #stderrTail = '';
    readonly #exitListeners = new Set<(exit: GatewayExit) => void>();

    constructor(options: GatewayChildOptions) {
        this.#options = options;
    }

    get url(): string {
        return this.#options.url;
    }

    /** The running gateway's process id. */
    get pid(): number | undefined {
        return this.#child?.pid;
    }

    get running(): boolean {
        return this.#child !== undefined;
    }

    /** The last lines the gateway wrote to stderr. */
    get stderrTail(): string {
        return this.#stderrTail;
    }

    /** Called whenever a started gateway exits; returns the unsubscribe. */
    onExit(listener: (exit: GatewayExit) => void): () => void {
        this.#exitListeners.add(listener);
        return () => this.#exitListeners.delete(listener);
    }

    /**
     * Starts the gateway and waits until it answers /healthz. If it exits first, or `deadline` (epoch ms) passes
     * (then it is killed), this throws with what it wrote to stderr.
     */
    async start(deadline: number): Promise<void> {
        if (this.#child) throw new Error(`the gateway is already running (pid ${this.#child.pid})`);
        const supervised = this.#options.supervised === true;
        const child = spawn(process.execPath, [...(this.#options.nodeArgs ?? []), '--import', 'tsx', GATEWAY_MAIN], {
            cwd: GATEWAY_ROOT,
            env: { ...(this.#options.env ?? process.env), ...(supervised ? { [EXIT_WITH_PARENT_ENV]: '1' } : {}) },
            stdio: [supervised ? 'pipe' : 'ignore', 'pipe', 'pipe'],
            detached: supervised
        });
        this.#child = child;
        this.#requested = false;
        this.#stderrTail = '';
        let exited = false;
        child.stdout?.on('data', (chunk: Buffer) => this.#options.onOutput?.(chunk.toString(), 'stdout'));
        child.stderr?.on('data', (chunk: Buffer) => {
            const text = chunk.toString();
            this.#stderrTail = (this.#stderrTail + text).slice(-STDERR_TAIL_CHARS);
            this.#options.onOutput?.(text, 'stderr');
        });
        // A write to the pipe after the child is gone must not crash the parent.
        child.stdin?.on('error', () => undefined);
        child.once('error', (error) => {
            this.#stderrTail += `\n${error.message}`;
        });
        child.once('exit', (code, signal) => {
            exited = true;
            if (this.#child === child) this.#child = undefined;
            const exit = { pid: child.pid, code, signal, requested: this.#requested };
            for (const listener of this.#exitListeners) listener(exit);
        });
        for (;;) {
            if (exited || child.exitCode !== null || child.signalCode !== null)
                throw new Error(`the gateway exited at start (code ${child.exitCode}): ${this.#stderrTail.trim()}`);
            if (Date.now() > deadline) {
                await this.kill();
                throw new Error(`the gateway did not answer ${this.url}/healthz in time: ${this.#stderrTail.trim()}`);
            }
            try {
                if ((await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) return;
            } catch {
                // not listening yet
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }

    /** SIGKILL, no goodbye; resolves once the process is gone. */
    kill(): Promise<void> {
        return this.#signal('SIGKILL');
    }

    /** SIGTERM (the gateway's graceful shutdown), then SIGKILL if it is still there after `graceMs`. */
    async stop(graceMs = 5000): Promise<void> {
        const child = this.#child;
        if (!child) return;
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        try {
            await this.#signal('SIGTERM');
        } finally {
            clearTimeout(timer);
        }
    }

    /** Synchronous SIGKILL, for a parent's `exit` handler, where nothing can be awaited. */
    killNow(): void {
        if (!this.#child) return;
        this.#requested = true;
        this.#child.kill('SIGKILL');
    }

    async #signal(name: 'SIGKILL' | 'SIGTERM'): Promise<void> {
        const child = this.#child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        this.#requested = true;
        child.kill(name);
        await gone;
    }
}

/** A TCP port free on 127.0.0.1 right now (another process may still take it before the gateway listens). */
export async function freeLoopbackPort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
    });
}
