// Keeps the gateway child process running for the workbench: starts it and waits for /healthz, kills it with
// SIGKILL and starts it again on request (the restart-gateway scenario), starts it again with growing delays when it
// dies unexpectedly (and says so), gives up after repeated failures, and stops it on shutdown. Every state change is
// told (GatewayState in api.ts). The process handling itself is the gateway package's GatewayChildProcess.
import type { GatewayExit } from '@switchboard/gateway/child-process';
import type { GatewayState } from './api.js';

/** What the supervisor needs of the child process (GatewayChildProcess; a fake in unit tests). */
export interface SupervisedChild {
    readonly pid: number | undefined;
    readonly stderrTail: string;
    start(deadline: number): Promise<void>;
    kill(): Promise<void>;
    stop(graceMs?: number): Promise<void>;
    killNow(): void;
    onExit(listener: (exit: GatewayExit) => void): () => void;
}

export interface SupervisorLog {
    info(fields: object, message?: string): void;
    warn(fields: object, message?: string): void;
    error(fields: object, message?: string): void;
}

export interface GatewaySupervisorOptions {
    child: SupervisedChild;
    log: SupervisorLog;
    /** How long one start may take before it counts as failed. Default 30 s. */
    startTimeoutMs?: number;
    /** Delay before the n-th automatic restart in a row (n from 1). Default 0.5 s, doubling, at most 10 s. */
    backoffMs?: (attempt: number) => number;
    /** Automatic restarts in a row before giving up ('failed'). Default 5. */
    maxRestarts?: number;
    /** A gateway up this long has recovered: the next crash starts the count again. Default 10 s. */
    stableAfterMs?: number;
    now?: () => number;
}

export type StateListener = (state: GatewayState, detail?: string) => void;

export const defaultBackoff = (attempt: number): number => Math.min(500 * 2 ** (attempt - 1), 10_000);

function describeExit(exit: GatewayExit): string {
    return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

export class GatewaySupervisor {
    readonly #child: SupervisedChild;
    readonly #log: SupervisorLog;
    readonly #startTimeoutMs: number;
    readonly #backoff: (attempt: number) => number;
    readonly #maxRestarts: number;
    readonly #stableAfterMs: number;
    readonly #now: () => number;
    readonly #listeners = new Set<StateListener>();
    #state: GatewayState = 'down';
    #detail: string | undefined;
    #upSince: number | undefined;
    #restartsInARow = 0;
    #timer: NodeJS.Timeout | undefined;
    #stopping = false;
    /** One operation at a time: a scenario's restart never overlaps an automatic one. */
    #queue: Promise<unknown> = Promise.resolve();

    constructor(options: GatewaySupervisorOptions) {
        this.#child = options.child;
        this.#log = options.log;
        this.#startTimeoutMs = options.startTimeoutMs ?? 30_000;
        this.#backoff = options.backoffMs ?? defaultBackoff;
        this.#maxRestarts = options.maxRestarts ?? 5;
        this.#stableAfterMs = options.stableAfterMs ?? 10_000;
        this.#now = options.now ?? Date.now;
        this.#child.onExit((exit) => this.#exited(exit));
    }

    get state(): GatewayState {
        return this.#state;
    }

    get detail(): string | undefined {
        return this.#detail;
    }

    get pid(): number | undefined {
        return this.#child.pid;
    }

    /** Told of every state change; returns the unsubscribe. */
    onState(listener: StateListener): () => void {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
    }

    /** Starts the gateway and waits until it is healthy; rejects (state 'failed') when it cannot start. */
    start(): Promise<void> {
        return this.#serialize(async () => {
            this.#set('starting');
            await this.#failing(this.#launch());
        });
    }

    /** kill -9, then start again on the same store and port; resolves with the milliseconds it took, once up. */
    restart(): Promise<number> {
        return this.#serialize(async () => {
            clearTimeout(this.#timer);
            this.#timer = undefined;
            this.#restartsInARow = 0;
            const began = this.#now();
            this.#set('restarting', 'kill -9, then start again');
            await this.#child.kill();
            await this.#failing(this.#launch());
            return this.#now() - began;
        });
    }

    /** Stops the gateway (SIGTERM, SIGKILL after a grace period) and restarts nothing after that. */
    async stop(): Promise<void> {
        this.#stopping = true;
        clearTimeout(this.#timer);
        this.#timer = undefined;
        await this.#child.stop().catch(() => undefined);
        await this.#queue.catch(() => undefined);
        await this.#child.stop().catch(() => undefined); // a start that was under way
        this.#set('down', 'stopped');
    }

    /** For an exiting process: SIGKILL now, synchronously. */
    killNow(): void {
        this.#stopping = true;
        clearTimeout(this.#timer);
        this.#child.killNow();
    }

    async #launch(): Promise<void> {
        await this.#child.start(this.#now() + this.#startTimeoutMs);
        this.#upSince = this.#now();
        this.#set('up', `pid ${this.#child.pid}`);
    }

    /** A start someone asked for that fails leaves the gateway 'failed', with why. */
    async #failing(start: Promise<void>): Promise<void> {
        try {
            await start;
        } catch (error) {
            if (!this.#stopping) this.#set('failed', error instanceof Error ? error.message : String(error));
            throw error;
        }
    }

    #exited(exit: GatewayExit): void {
        if (exit.requested || this.#stopping) return;
        const wasUp = this.#state === 'up';
        const stable = this.#upSince !== undefined && this.#now() - this.#upSince >= this.#stableAfterMs;
        this.#upSince = undefined;
        if (stable) this.#restartsInARow = 0;
        const why = `The gateway ${describeExit(exit)}${wasUp ? '' : ' while starting'}`;
        this.#log.warn({ pid: exit.pid, code: exit.code, signal: exit.signal, stderr: this.#child.stderrTail }, why);
        // A crash during a start is that start's failure: the operation under way reports it.
        if (!wasUp) return;
        this.#set('down', why);
        this.#scheduleRestart(why);
    }

    #scheduleRestart(why: string): void {
        if (this.#stopping) return;
        this.#restartsInARow++;
        if (this.#restartsInARow > this.#maxRestarts) {
            const detail = `${why}; gave up after ${this.#maxRestarts} restarts in a row (see the gateway log). The restart-gateway scenario tries again.`;
            this.#log.error({ stderr: this.#child.stderrTail }, detail);
            this.#set('failed', detail);
            return;
        }
        const delay = this.#backoff(this.#restartsInARow);
        this.#set(
            'restarting',
            `${why}; starting it again in ${(delay / 1000).toFixed(1)} s (attempt ${this.#restartsInARow} of ${this.#maxRestarts})`
        );
        this.#timer = setTimeout(() => {
            this.#timer = undefined;
            void this.#serialize(async () => {
                if (this.#stopping || this.#state === 'up') return;
                try {
                    await this.#launch();
                    this.#log.info({ pid: this.#child.pid }, 'the gateway is up again');
                } catch (error) {
                    this.#scheduleRestart(
                        `The gateway could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
                    );
                }
            }).catch(() => undefined);
        }, delay);
    }

    #serialize<T>(operation: () => Promise<T>): Promise<T> {
        const result = this.#queue.catch(() => undefined).then(operation);
        this.#queue = result.catch(() => undefined);
        return result;
    }

    #set(state: GatewayState, detail?: string): void {
        this.#state = state;
        this.#detail = detail;
        this.#log.info({ gateway: state, ...(detail ? { detail } : {}) }, `gateway ${state}`);
        for (const listener of this.#listeners) listener(state, detail);
    }
}
