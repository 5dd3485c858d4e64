// The model the property tests hold the connector to: what a correct softphone shows for the telephony side's real
// history. A history is generated (calls ring, are answered, held, muted, recorded, hung up; the carrier repeats a
// ring or an answer late), the gateway numbers its events, and a seed-driven channel delays, reorders, repeats and
// drops them and drops the socket, the way the agent channel's client sees them: a repeat is skipped by its sequence
// number, a gap or an unreadable frame forces a snapshot resync, a dropped socket resumes (replay) or resyncs. What
// Salesforce receives is replayed into a softphone, which counts every event that repeats a state (duplicate), is
// about a call it has not seen start (out of order) or has seen end (stale), and at the end compares itself with the
// telephony side (lost).
import type { CallSnapshot, Snapshot, TelephonyEvent } from '@switchboard/contracts';
import fc from 'fast-check';
import type { Announcement, StateEvent } from '../../src/softphone-state.js';

export interface Tally {
    sequences: number;
    duplicates: number;
    lost: number;
    outOfOrder: number;
    stale: number;
}

export const emptyTally = (): Tally => ({ sequences: 0, duplicates: 0, lost: 0, outOfOrder: 0, stale: 0 });

export const addTally = (a: Tally, b: Tally): Tally => ({
    sequences: a.sequences + b.sequences,
    duplicates: a.duplicates + b.duplicates,
    lost: a.lost + b.lost,
    outOfOrder: a.outOfOrder + b.outOfOrder,
    stale: a.stale + b.stale
});

// ---- the telephony side ---------------------------------------------------------------------------------------

export type Op =
    | { kind: 'ring' }
    | { kind: 'queueCallback' }
    | { kind: 'answer'; pick: number }
    | { kind: 'hold'; pick: number; on: boolean }
    | { kind: 'recording'; pick: number; paused: boolean }
    | { kind: 'mute'; muted: boolean }
    | { kind: 'hangUp'; pick: number; isError: boolean }
    /** The carrier repeats a ring or an answer for a call that has ended (relayed by the gateway). */
    | { kind: 'lateRetry'; pick: number; answered: boolean };

/** What the channel does with the frame of each event, in order. */
export type Fate = 'deliver' | 'repeat' | 'delay' | 'drop' | 'socketResume' | 'socketSnapshot';

export const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: 'ring' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'queueCallback' as const }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(3) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('hold' as const), pick: fc.nat(3), on: fc.boolean() }) },
    {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('recording' as const), pick: fc.nat(3), paused: fc.boolean() })
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('mute' as const), muted: fc.boolean() }) },
    {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('hangUp' as const), pick: fc.nat(3), isError: fc.boolean() })
    },
    {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('lateRetry' as const), pick: fc.nat(3), answered: fc.boolean() })
    }
);

export const fateArb: fc.Arbitrary<Fate> = fc.oneof(
    { weight: 12, arbitrary: fc.constant('deliver' as const) },
    { weight: 1, arbitrary: fc.constant('repeat' as const) },
    { weight: 1, arbitrary: fc.constant('delay' as const) },
    { weight: 1, arbitrary: fc.constant('drop' as const) },
    { weight: 1, arbitrary: fc.constant('socketResume' as const) },
    { weight: 1, arbitrary: fc.constant('socketSnapshot' as const) }
);

export const historyArb = fc.array(fc.tuple(opArb, fateArb), { minLength: 1, maxLength: 24 });

interface RealCall {
    snapshot: CallSnapshot;
}

/** The telephony side: its real calls, and every event it reports, numbered. */
export class Telephony {
    readonly calls = new Map<string, RealCall>();
    readonly ended: CallSnapshot[] = [];
    muted = false;
    readonly events: { seq: number; event: TelephonyEvent }[] = [];
    #next = 1;

    get seq(): number {
        return this.events.length;
    }

    snapshot(): Snapshot {
        return {
            calls: [...this.calls.values()].map((c) => c.snapshot),
            agent: { isMuted: this.muted, phone: { type: 'SOFT_PHONE' } },
            lastEventSeq: this.seq
        };
    }

    /**
     * Applies an operation; returns the event it reports, if any. A late retry is of a call the connector has seen
     * (`seen`): of one it never saw, a retry is indistinguishable from a new call, and the gateway's ledger, which
     * knows the call ended, drops it.
     */
    act(op: Op, seen: (callId: string) => boolean = () => true): TelephonyEvent | undefined {
        const live = [...this.calls.values()].map((c) => c.snapshot);
        const pick = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
        switch (op.kind) {
            case 'ring':
            case 'queueCallback': {
                if (live.length >= 3) return undefined;
                const id = `c${this.#next++}`;
                const snapshot: CallSnapshot = {
                    callId: id,
                    callType: op.kind === 'ring' ? 'Inbound' : 'Callback',
                    participantType: 'Initial_Caller',
                    state: 'ringing',
                    phoneNumber: '+14155550100',
                    isOnHold: false,
                    isRecordingPaused: false,
                    startedAt: 1_700_000_000_000 + this.#next
                };
                this.calls.set(id, { snapshot });
                return this.#emit(
                    op.kind === 'ring'
                        ? { type: 'callRinging', call: snapshot }
                        : { type: 'callbackQueued', call: snapshot }
                );
            }
            case 'answer': {
                const call = pick(
                    live.filter((c) => c.state === 'ringing'),
                    op.pick
                );
                if (!call) return undefined;
                return this.#update(call.callId, { state: 'connected' }, (s) => ({ type: 'callConnected', call: s }));
            }
            case 'hold': {
                const call = pick(
                    live.filter((c) => c.state === 'connected' && c.isOnHold !== op.on),
                    op.pick
                );
                if (!call) return undefined;
                return this.#update(call.callId, { isOnHold: op.on }, () => ({
                    type: 'holdChanged',
                    callId: call.callId,
                    isOnHold: op.on
                }));
            }
            case 'recording': {
                const call = pick(
                    live.filter((c) => c.state === 'connected' && c.isRecordingPaused !== op.paused),
                    op.pick
                );
                if (!call) return undefined;
                return this.#update(call.callId, { isRecordingPaused: op.paused }, () => ({
                    type: 'recordingChanged',
                    callId: call.callId,
                    isRecordingPaused: op.paused
                }));
            }
            case 'mute':
                if (this.muted === op.muted || live.length === 0) return undefined;
                this.muted = op.muted;
                return this.#emit({ type: 'muteChanged', isMuted: op.muted });
            case 'hangUp': {
                const call = pick(live, op.pick);
                if (!call) return undefined;
                this.calls.delete(call.callId);
                this.ended.push(call);
                return this.#emit({ type: 'callEnded', callId: call.callId, isError: op.isError });
            }
            case 'lateRetry': {
                const call = pick(
                    this.ended.filter((c) => seen(c.callId)),
                    op.pick
                );
                if (!call) return undefined;
                return this.#emit(
                    op.answered
                        ? { type: 'callConnected', call: { ...call, state: 'connected' } }
                        : { type: 'callRinging', call: { ...call, state: 'ringing' } }
                );
            }
        }
    }

    #update(callId: string, patch: Partial<CallSnapshot>, event: (s: CallSnapshot) => TelephonyEvent): TelephonyEvent {
        const call = this.calls.get(callId)!;
        call.snapshot = { ...call.snapshot, ...patch };
        return this.#emit(event(call.snapshot));
    }

    #emit(event: TelephonyEvent): TelephonyEvent {
        this.events.push({ seq: this.events.length + 1, event });
        return event;
    }
}

// ---- Salesforce's softphone -------------------------------------------------------------------------------------

interface ShownCall {
    state: string;
    isOnHold: boolean;
    isRecordingPaused: boolean;
}

/** A correct softphone, fed the events Salesforce receives; it counts what a correct sequence never contains. */
export class Softphone {
    readonly calls = new Map<string, ShownCall>();
    readonly ended = new Set<string>();
    readonly afterCallWork = new Set<string>();
    muted = false;
    readonly tally = emptyTally();
    readonly problems: string[] = [];

    receive(a: Announcement): void {
        const id = 'callId' in a ? a.callId : undefined;
        const count = (kind: 'duplicates' | 'outOfOrder' | 'stale', why: string): void => {
            this.tally[kind]++;
            this.problems.push(`${kind}: ${a.event}${id ? ` ${id}` : ''} ${why}`);
        };
        switch (a.event) {
            case 'CALL_STARTED':
            case 'QUEUED_CALL_STARTED':
            case 'PARTICIPANT_ADDED':
                if (this.ended.has(a.callId)) return count('stale', 'after its end');
                if (this.calls.has(a.callId)) return count('duplicates', 'already started');
                this.calls.set(a.callId, {
                    state: a.call.state,
                    isOnHold: a.call.isOnHold,
                    isRecordingPaused: a.call.isRecordingPaused
                });
                return;
            case 'CALL_CONNECTED':
            case 'SUPERVISOR_CALL_CONNECTED':
            case 'PARTICIPANT_CONNECTED': {
                if (this.ended.has(a.callId)) return count('stale', 'after its end');
                const shown = this.calls.get(a.callId);
                if (!shown) return count('outOfOrder', 'before it started');
                if (shown.state === a.call.state) return count('duplicates', `already ${shown.state}`);
                shown.state = a.call.state;
                return;
            }
            case 'HANGUP':
            case 'PARTICIPANT_REMOVED':
            case 'SUPERVISOR_HANGUP':
                if (this.ended.has(a.callId)) return count('duplicates', 'already ended');
                if (!this.calls.delete(a.callId)) return count('outOfOrder', 'before it started');
                this.ended.add(a.callId);
                return;
            case 'AFTER_CALL_WORK_STARTED':
                if (!this.ended.has(a.callId)) return count('outOfOrder', 'before the call ended');
                if (this.afterCallWork.has(a.callId)) return count('duplicates', 'twice');
                this.afterCallWork.add(a.callId);
                return;
            case 'HOLD_TOGGLE': {
                if (this.ended.has(a.callId)) return count('stale', 'after its end');
                const shown = this.calls.get(a.callId);
                if (!shown) return count('outOfOrder', 'before it started');
                const now = a.calls.find((c) => c.callId === a.callId)?.isOnHold ?? false;
                if (shown.isOnHold === now) return count('duplicates', `isOnHold already ${String(now)}`);
                shown.isOnHold = now;
                return;
            }
            case 'RECORDING_TOGGLE': {
                if (this.ended.has(a.callId)) return count('stale', 'after its end');
                const shown = this.calls.get(a.callId);
                if (!shown) return count('outOfOrder', 'before it started');
                if (shown.isRecordingPaused === a.isRecordingPaused) return count('duplicates', 'same value');
                shown.isRecordingPaused = a.isRecordingPaused;
                return;
            }
            case 'MUTE_TOGGLE':
                if (this.muted === a.isMuted) return count('duplicates', `isMuted already ${String(a.isMuted)}`);
                this.muted = a.isMuted;
                return;
            default:
                return;
        }
    }

    /** What differs from the telephony side at the end: each difference is a change Salesforce never got. */
    compare(telephony: Telephony): void {
        const lost = (why: string): void => {
            this.tally.lost++;
            this.problems.push(`lost: ${why}`);
        };
        for (const [id, real] of telephony.calls) {
            const shown = this.calls.get(id);
            if (!shown) lost(`${id} is live, Salesforce does not show it`);
            else
                for (const key of ['state', 'isOnHold', 'isRecordingPaused'] as const)
                    if (shown[key] !== real.snapshot[key])
                        lost(`${id}.${key} is ${String(real.snapshot[key])}, Salesforce shows ${String(shown[key])}`);
        }
        for (const id of this.calls.keys())
            if (!telephony.calls.has(id)) lost(`${id} ended, Salesforce still shows it`);
        if (this.muted !== telephony.muted)
            lost(`muted is ${String(telephony.muted)}, Salesforce shows ${String(this.muted)}`);
    }
}

// ---- the channel, as the agent channel's client sees it ----------------------------------------------------------

/** What to fold with: the connector's pure module, or a variant of it (to check the model finds a planted bug). */
export interface Fold {
    acwEnabled: boolean;
    load(snapshot: Snapshot): void;
    apply(event: StateEvent): Announcement[];
    resync(snapshot: Snapshot): StateEvent[];
    takeAfterCallWork(callId: string): boolean;
    told(a: Announcement): void;
}

/**
 * Plays a history through the channel into the fold, and what the fold announces into a softphone. Mirrors the
 * client (src/agent-channel-client.ts): events in sequence, a repeat skipped, a gap resynchronised from a snapshot
 * of the telephony side at that moment; a dropped socket resumes from the last sequence number (the gateway replays)
 * or, when the gateway no longer has the events, resynchronises. At the end the channel catches up (a resume).
 */
export function play(steps: readonly (readonly [Op, Fate])[], fold: Fold): { telephony: Telephony; phone: Softphone } {
    const telephony = new Telephony();
    const phone = new Softphone();
    fold.acwEnabled = true;
    fold.load(telephony.snapshot());
    let lastSeq = 0;
    let delayed: { seq: number; event: TelephonyEvent }[] = [];
    const seen = new Set<string>();
    const see = <E extends StateEvent>(event: E): E => {
        if ('call' in event) seen.add(event.call.callId);
        return event;
    };
    const announce = (announcements: Announcement[]): void => {
        for (const a of announcements) {
            if (a.event === 'AFTER_CALL_WORK_STARTED' && !fold.takeAfterCallWork(a.callId)) continue;
            phone.receive(a);
            fold.told(a);
        }
    };
    const resync = (): void => {
        delayed = []; // frames on the old connection are gone with it
        const snapshot = telephony.snapshot();
        lastSeq = snapshot.lastEventSeq;
        for (const event of fold.resync(snapshot)) announce(fold.apply(see(event)));
    };
    const deliver = (frame: { seq: number; event: TelephonyEvent }): void => {
        if (frame.seq <= lastSeq) return;
        if (frame.seq !== lastSeq + 1) return resync();
        lastSeq = frame.seq;
        announce(fold.apply(see(frame.event)));
    };
    const resume = (): void => {
        delayed = [];
        for (const frame of telephony.events.slice(lastSeq)) deliver(frame);
    };
    for (const [op, fate] of steps) {
        const event = telephony.act(op, (id) => seen.has(id));
        const frame = event ? telephony.events[telephony.events.length - 1]! : undefined;
        const late = delayed;
        delayed = [];
        switch (fate) {
            case 'deliver':
            case 'repeat':
                if (frame) deliver(frame);
                if (frame && fate === 'repeat') deliver(frame);
                break;
            case 'delay':
                if (frame) delayed.push(frame);
                break;
            case 'drop':
                break;
            case 'socketResume':
                resume();
                break;
            case 'socketSnapshot':
                resync();
                break;
        }
        if (fate === 'deliver' || fate === 'repeat' || fate === 'drop') for (const f of late) deliver(f);
        else if (fate === 'delay') delayed.unshift(...late);
    }
    for (const f of delayed) deliver(f);
    resume();
    phone.compare(telephony);
    return { telephony, phone };
}
