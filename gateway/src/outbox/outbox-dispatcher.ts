// Drains the outbox to Salesforce's Telephony Integration API. The store decides what may go (a call's oldest
// unfinished job, one at a time, under a lease); the dispatcher sends what it is given, several calls in parallel,
// and records each outcome: done (completions grouped into one store commit), rescheduled with backoff (the job
// keeps its place at the head of its call, so the call's later jobs wait: order is kept) or dead.
//
// Crash safety comes from the store: a job is only ever marked done after Salesforce answered, so a crash between
// the answer and the record re-sends it later (Salesforce dedupes by vendorCallKey / messageId); a claim whose
// claimer died is taken over when its lease expires.
import type { SalesforceJobResult, TelephonyApi } from '../salesforce/telephony-api.js';
import { TelephonyApiError } from '../salesforce/telephony-api.js';
import type { OutboxJob, Store } from '../store/store.js';
import { SILENT_LOG, type GatewayLog } from '../log.js';

export interface FailureInfo {
    /** Attempts made on the job so far, this send's included. */
    attempts: number;
    /** True when the job is given up (dead); false when it will be tried again. */
    final: boolean;
    /**
     * True once per job: on the failure that completes Salesforce's recommended round of attempts
     * (SALESFORCE_RETRY_ROUND). The gateway tells the agent then, and the dispatcher keeps retrying in the background.
     */
    firstRoundExhausted: boolean;
}

export interface OutboxStats {
    /** Jobs claimed and not yet recorded as done, rescheduled or dead. */
    inFlight: number;
    /** Sends Salesforce accepted. */
    sent: number;
    /** Sends that failed (each send is one client retry round). */
    failed: number;
    /** Failed sends rescheduled for another try. */
    retried: number;
    /** Jobs given up. */
    dead: number;
}

export interface OutboxDispatcherOptions {
    store: Store;
    api: TelephonyApi;
    /** Jobs in flight at once (each of a different call). Default 32. */
    concurrency?: number;
    /** How long a claim holds before another dispatcher may take the job over. Default 30 s. */
    leaseMs?: number;
    /** Claims this often when nothing kicks. Default 50 ms. */
    pollMs?: number;
    /** Completions arriving within this window are recorded in one store commit. Default 2 ms. */
    batchCompletionsMs?: number;
    /**
     * A send that has not settled after this long counts as a retryable failure (its slot is freed; the job is
     * rescheduled and a late answer is ignored). Default: leaseMs, beyond which another claimer may take it anyway.
     */
    sendTimeoutMs?: number;
    /** Backoff of retryable failures: full jitter over base·2^(n−1), capped. Defaults 500 ms and 60 s. */
    backoff?: { baseMs?: number; maxMs?: number };
    /** A job older than this that fails retryably is given up (dead). Default 15 min. */
    maxJobAgeMs?: number;
    /**
     * Attempts one api.send makes (the client retries inside a send). Counted into the job's attempts. Default 3,
     * so the first failed send is a full round (FailureInfo.firstRoundExhausted).
     */
    attemptsPerSend?: number;
    /** How long stop() waits for sends in flight. Default 10 s. */
    stopTimeoutMs?: number;
    now?: () => number;
    random?: () => number;
    logger?: GatewayLog;
    /** After Salesforce accepted a job (before the completion is recorded). */
    onResult?: (job: OutboxJob, result: SalesforceJobResult) => void;
    /** After a failed send was recorded (rescheduled or dead). */
    onFailure?: (job: OutboxJob, error: unknown, info: FailureInfo) => void;
}

/** Salesforce's guidance for a failed request: retry up to 3 times. */
const SALESFORCE_RETRY_ROUND = 3;

function describeError(error: unknown): string {
    if (error instanceof TelephonyApiError) {
        return error.status === undefined ? error.message : `${error.status} ${error.message}`;
    }
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

const SEND_TIMED_OUT = Symbol('send timed out');

interface PendingCompletion {
    id: number;
    result: SalesforceJobResult;
    /** Called once the completion is committed; with true when that commit also claimed what was due. */
    recorded: (claimed: boolean) => void;
}

export class OutboxDispatcher {
    private readonly store: Store;
    private readonly api: TelephonyApi;
    private readonly concurrency: number;
    private readonly leaseMs: number;
    private readonly pollMs: number;
    private readonly batchCompletionsMs: number;
    private readonly sendTimeoutMs: number;
    private readonly backoffBaseMs: number;
    private readonly backoffMaxMs: number;
    private readonly maxJobAgeMs: number;
    private readonly attemptsPerSend: number;
    private readonly stopTimeoutMs: number;
    private readonly now: () => number;
    private readonly random: () => number;
    private readonly logger: GatewayLog;
    private readonly onResult: OutboxDispatcherOptions['onResult'];
    private readonly onFailure: OutboxDispatcherOptions['onFailure'];

    private running = false;
    /** Set once stop() gave up on the sends still in flight: their outcomes are no longer recorded. */
    private abandoned = false;
    /** Claimed jobs whose outcome is not recorded yet, with the work that records it. */
    private readonly held = new Map<number, Promise<void>>();
    private pumping = false;
    /** Slots a claim under way may fill (the pump's and a completion flush's claims may overlap on async stores). */
    private reserved = 0;
    private pumpAgain = false;
    private kickScheduled = false;
    private pollTimer: NodeJS.Timeout | undefined;
    private completions: PendingCompletion[] = [];
    private flushTimer: NodeJS.Timeout | undefined;
    /** flushOnce never rejects, so the chain never breaks. */
    private flushChain: Promise<void> = Promise.resolve();
    private readonly counters = { sent: 0, failed: 0, retried: 0, dead: 0 };

    constructor(options: OutboxDispatcherOptions) {
        this.store = options.store;
        this.api = options.api;
        this.concurrency = Math.max(1, options.concurrency ?? 32);
        this.leaseMs = options.leaseMs ?? 30_000;
        this.pollMs = options.pollMs ?? 50;
        this.batchCompletionsMs = options.batchCompletionsMs ?? 2;
        this.sendTimeoutMs = options.sendTimeoutMs ?? this.leaseMs;
        this.backoffBaseMs = options.backoff?.baseMs ?? 500;
        this.backoffMaxMs = options.backoff?.maxMs ?? 60_000;
        this.maxJobAgeMs = options.maxJobAgeMs ?? 15 * 60_000;
        this.attemptsPerSend = Math.max(1, options.attemptsPerSend ?? 3);
        this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
        this.now = options.now ?? Date.now;
        this.random = options.random ?? Math.random;
        this.logger = options.logger ?? SILENT_LOG;
        this.onResult = options.onResult;
        this.onFailure = options.onFailure;
    }

    start(): void {
        if (this.running) return;
        this.running = true;
        this.abandoned = false;
        this.schedulePoll();
        this.kick();
    }

    /** Claims now rather than at the next poll: called after each commit that added jobs. */
    kick(): void {
        if (!this.running || this.kickScheduled) return;
        this.kickScheduled = true;
        // setImmediate: the commits of one turn of the event loop are picked up by one claim.
        setImmediate(() => {
            this.kickScheduled = false;
            void this.pump();
        });
    }

    stats(): OutboxStats {
        return { inFlight: this.held.size, ...this.counters };
    }

    /**
     * Stops claiming, waits up to `timeoutMs` for the sends in flight, and records their outcomes. Jobs still in
     * flight after that are released (claimable again at once, by a restart or another instance); a late answer
     * to them is ignored, so they will be sent again, which Salesforce dedupes.
     */
    async stop(timeoutMs = this.stopTimeoutMs): Promise<void> {
        if (!this.running) return;
        this.running = false;
        clearTimeout(this.pollTimer);
        this.pollTimer = undefined;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<void>((resolve) => {
            timer = setTimeout(resolve, timeoutMs);
        });
        await Promise.race([Promise.allSettled([...this.held.values()]), timedOut]);
        clearTimeout(timer);
        await this.flushCompletions();
        this.abandoned = true;
        const stillInFlight = [...this.held.keys()];
        await this.release(stillInFlight);
        this.held.clear();
        if (stillInFlight.length > 0) {
            this.logger.warn({ jobIds: stillInFlight }, 'outbox: stopped with sends in flight; jobs released');
        }
    }

    /** Makes claimed jobs claimable again at once (no attempt counted). */
    private async release(ids: readonly number[]): Promise<void> {
        for (const id of ids) {
            try {
                await this.store.rescheduleJob(id, this.now(), 0, 'released: the dispatcher stopped');
            } catch (error) {
                this.logger.warn({ err: error, jobId: id }, 'outbox: could not release a job; its lease will expire');
            }
        }
    }

    /** Resolves when the outbox is empty (nothing pending nor claimed); for tests. Rejects after `timeoutMs`. */
    async drain(timeoutMs: number): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const depth = await this.store.outboxDepth();
            if (depth === 0) return;
            if (Date.now() >= deadline) throw new Error(`outbox not drained after ${timeoutMs} ms: ${depth} jobs left`);
            this.kick();
            await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs, 10)));
        }
    }

    private schedulePoll(): void {
        this.pollTimer = setTimeout(() => {
            if (!this.running) return;
            void this.pump().finally(() => {
                if (this.running) this.schedulePoll();
            });
        }, this.pollMs);
        // The dispatcher alone must not keep the process alive.
        this.pollTimer.unref();
    }

    /** Claims as many jobs as there are free slots, again while more may be waiting. One claim at a time. */
    private async pump(): Promise<void> {
        if (this.pumping) {
            this.pumpAgain = true;
            return;
        }
        this.pumping = true;
        try {
            do {
                this.pumpAgain = false;
                const free = this.freeSlots();
                if (!this.running || free <= 0) break;
                this.reserved += free;
                let jobs: OutboxJob[];
                try {
                    jobs = await this.store.claimJobs(free, this.now(), this.leaseMs);
                } finally {
                    this.reserved -= free;
                }
                if (!(await this.holdClaimed(jobs))) break;
                if (jobs.length === free) this.pumpAgain = true;
            } while (this.pumpAgain);
        } catch (error) {
            this.logger.error({ err: error }, 'outbox: claiming jobs failed; retrying at the next poll');
        } finally {
            this.pumping = false;
        }
    }

    private freeSlots(): number {
        return this.concurrency - this.held.size - this.reserved;
    }

    /** Starts sending claimed jobs; false (and the jobs released) when stop() began while they were claimed. */
    private async holdClaimed(jobs: readonly OutboxJob[]): Promise<boolean> {
        if (!this.running) {
            // Given back rather than left to their lease.
            await this.release(jobs.map((job) => job.id));
            return false;
        }
        for (const job of jobs) {
            // Our own send of it outlived its lease and we claimed it again: the first send stands.
            if (!this.held.has(job.id)) this.hold(job);
        }
        return true;
    }

    private hold(job: OutboxJob): void {
        const work = this.process(job)
            .catch((error: unknown) => {
                this.logger.error({ err: error, jobId: job.id }, 'outbox: recording an outcome failed');
                return true;
            })
            .then((slotRefilled) => {
                if (this.held.get(job.id) === work) this.held.delete(job.id);
                // A slot is free, and the call's next job may be claimable now; unless the completion's own commit
                // already claimed what was due.
                if (!slotRefilled) this.kick();
            });
        this.held.set(job.id, work);
    }

    /** Resolves to true when the commit that recorded the outcome also claimed what was due. */
    private async process(job: OutboxJob): Promise<boolean> {
        let result: SalesforceJobResult;
        try {
            result = await this.sendWithTimeout(job);
        } catch (error) {
            if (!this.abandoned) await this.recordFailure(job, error);
            return false;
        }
        if (this.abandoned) return false;
        this.counters.sent++;
        this.callHook(() => this.onResult?.(job, result));
        return this.queueCompletion(job.id, result);
    }

    private async sendWithTimeout(job: OutboxJob): Promise<SalesforceJobResult> {
        let timer: NodeJS.Timeout | undefined;
        const sending = this.api.send(job.job);
        const timeout = new Promise<typeof SEND_TIMED_OUT>((resolve) => {
            timer = setTimeout(() => resolve(SEND_TIMED_OUT), this.sendTimeoutMs);
            // A send that hangs must not keep the process alive after stop().
            timer.unref();
        });
        try {
            const outcome = await Promise.race([sending, timeout]);
            if (outcome === SEND_TIMED_OUT) {
                // A late settlement must not surface as an unhandled rejection.
                sending.catch(() => {});
                throw new TelephonyApiError(`no answer within ${this.sendTimeoutMs} ms`, true);
            }
            return outcome;
        } finally {
            clearTimeout(timer);
        }
    }

    private async recordFailure(job: OutboxJob, error: unknown): Promise<void> {
        this.counters.failed++;
        const apiError = error instanceof TelephonyApiError ? error : undefined;
        // Anything but a TelephonyApiError is a fault of ours (a bug, a body that cannot be built...): retried
        // like a network failure rather than dropped, and given up by age.
        const retryable = apiError?.retryable ?? true;
        if (apiError === undefined) this.logger.error({ err: error, jobId: job.id }, 'outbox: unexpected send error');
        const attempts = job.attempts + this.attemptsPerSend;
        const firstRoundExhausted = job.attempts < SALESFORCE_RETRY_ROUND && attempts >= SALESFORCE_RETRY_ROUND;
        const reason = describeError(error);
        const now = this.now();
        const tooOld = now - job.createdAt >= this.maxJobAgeMs;
        const final = !retryable || tooOld;
        const context = { jobId: job.id, callKey: job.job.callKey, kind: job.job.kind, attempts, reason };
        if (final) {
            await this.store.failJob(
                job.id,
                tooOld && retryable ? `gave up after ${attempts} attempts: ${reason}` : reason,
                this.attemptsPerSend
            );
            this.counters.dead++;
            this.logger.warn(context, 'outbox: job given up');
        } else {
            const delay = this.backoffDelay(attempts, apiError?.retryAfterMs);
            await this.store.rescheduleJob(job.id, now + delay, this.attemptsPerSend, reason);
            this.counters.retried++;
            this.logger.info({ ...context, delayMs: delay }, 'outbox: job rescheduled');
        }
        this.callHook(() => this.onFailure?.(job, error, { attempts, final, firstRoundExhausted }));
    }

    /** Full jitter (a uniform delay up to the exponential cap), never before Salesforce's Retry-After. */
    private backoffDelay(attempts: number, retryAfterMs: number | undefined): number {
        const failedSends = Math.max(1, Math.ceil(attempts / this.attemptsPerSend));
        const cap = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.min(failedSends - 1, 30));
        const jittered = Math.floor(this.random() * cap);
        return Math.max(jittered, retryAfterMs ?? 0);
    }

    private callHook(hook: () => void): void {
        try {
            hook();
        } catch (error) {
            this.logger.error({ err: error }, 'outbox: a hook threw');
        }
    }

    /**
     * Resolves once the completion is recorded in the store (until then the job stays claimed, and held here); to
     * true when that commit also claimed the jobs due.
     */
    private queueCompletion(id: number, result: SalesforceJobResult): Promise<boolean> {
        return new Promise((recorded) => {
            this.completions.push({ id, result, recorded });
            this.flushTimer ??= setTimeout(() => void this.flushCompletions(), this.batchCompletionsMs);
        });
    }

    /** Records the queued completions in one store commit. Flushes run one after another, in arrival order. */
    private flushCompletions(): Promise<void> {
        const flush = this.flushChain.then(() => this.flushOnce());
        this.flushChain = flush;
        return flush;
    }

    private async flushOnce(): Promise<void> {
        clearTimeout(this.flushTimer);
        this.flushTimer = undefined;
        if (this.completions.length === 0) return;
        const batch = this.completions;
        this.completions = [];
        // The slots these jobs free (they are still held) are refilled in the same commit: the claim that would
        // otherwise follow as a commit of its own.
        const limit = this.running ? Math.max(0, this.freeSlots() + batch.length) : 0;
        this.reserved += limit;
        let claimed: OutboxJob[];
        try {
            claimed = await this.store.completeJobs(
                batch.map(({ id, result }) => ({ id, result })),
                limit > 0 ? { limit, now: this.now(), leaseMs: this.leaseMs } : undefined
            );
        } catch (error) {
            // Kept for the next flush; meanwhile the jobs stay claimed, so their calls' next jobs wait.
            this.logger.error({ err: error, jobs: batch.length }, 'outbox: recording completions failed; retrying');
            this.completions = [...batch, ...this.completions];
            if (this.running) {
                this.flushTimer = setTimeout(() => void this.flushCompletions(), this.pollMs);
            }
            return;
        } finally {
            this.reserved -= limit;
        }
        await this.holdClaimed(claimed);
        for (const completion of batch) completion.recorded(limit > 0);
    }
}
