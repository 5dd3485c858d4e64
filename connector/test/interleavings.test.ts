// Property: random interleavings of Salesforce requests and telephony events, through the real library and the real
// gateway, never throw unhandled, never tell Salesforce about one change twice, never announce anything for a call
// Salesforce has seen end or has not seen start, leave Salesforce showing the calls the telephony side has, and leave
// the call store in step with the gateway's. Some steps hold a request on the wire and let the telephony side (the
// simulated carrier) act while it is in flight, mostly on the calls that request is about: the races the
// duplicate-event guard exists for. Half the runs also put the wire in its seed-driven chaos mode: the gateway's
// replies are delayed behind later frames, replies and events repeated, lost with their socket, and the socket drops. With
// the guard's checks in Publisher#announce and #publish disabled, this property fails within the default runs. The
// seeds that found bugs (test/model/found-seeds.json) replay first; the tally goes to test/report.ts.
//
// The default runs start from a fixed seed, so `npm test` (and CI) judges every commit on the same interleavings;
// exploring new ones is asked for:
//   FC_NUM_RUNS=500 FC_SEED=random npm test -w @switchboard/connector     fuzzes deeper, from a new seed each time
//   FC_SEED=… FC_PATH=… node --import tsx --test test/interleavings.test.ts    replays a reported failure
// A found seed marked `open` is a race found but not yet fixed (connector/README.md, known limits): it still runs,
// reported as a to-do, so it is seen and not counted as passing.
import { connectedCall, type Rig, startRig } from './harness.js';
import { addTally, emptyTally, type Tally } from './model/softphone-model.js';
import { writeTally } from './model/results.js';
import { drain, type TimelineEntry } from './salesforce-host.js';
import { seededRandom } from './test-wire.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';

const RUNS = Number(process.env.FC_NUM_RUNS ?? 40);
/** The default runs' seed (see the header); FC_SEED=random lets fast-check pick one. */
const DEFAULT_SEED = 20261202;
const seedOption = (): { seed?: number; path?: string } =>
    process.env.FC_SEED === 'random'
        ? {}
        : process.env.FC_SEED
          ? { seed: Number(process.env.FC_SEED), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) }
          : { seed: DEFAULT_SEED };
const SEEDS = (
    JSON.parse(readFileSync(new URL('./model/found-seeds.json', import.meta.url), 'utf8')) as {
        suite: string;
        seed: number;
        path: string;
        found: string;
        open?: boolean;
    }[]
).filter((s) => s.suite === 'interleavings');

type Remote =
    | { kind: 'ring'; callback: boolean }
    /** The far end answers an outbound call, or the agent answers a ringing call on a desk phone. */
    | { kind: 'answer'; pick: number }
    | { kind: 'hangUp'; pick: number; isError: boolean }
    | { kind: 'mute'; muted: boolean }
    | { kind: 'hold'; pick: number; onHold: boolean }
    | { kind: 'recording'; pick: number; paused: boolean }
    | { kind: 'legAnswered'; pick: number }
    | { kind: 'presence' }
    | { kind: 'wrapUpEnded'; pick: number }
    | { kind: 'bargedIn'; pick: number }
    /** While a request is in flight: the telephony side makes the very change the request asks for. */
    | { kind: 'mirror'; pick: number };

const REQUESTS = [
    'ACCEPT_CALL',
    'DECLINE_CALL',
    'END_CALL',
    'END_CALL_PARTIAL',
    'MUTE',
    'UNMUTE',
    'HOLD',
    'RESUME',
    'DIAL',
    'ADD_PARTICIPANT',
    'SWAP_PARTICIPANTS',
    'CONFERENCE',
    'PAUSE_RECORDING',
    'RESUME_RECORDING',
    'SET_AGENT_STATUS',
    'GET_AGENT_STATUS',
    'SEND_DIGITS',
    'GET_PHONE_CONTACTS',
    'AGENT_AVAILABLE',
    'WRAP_UP_CALL',
    'SUPERVISE_CALL',
    'SUPERVISOR_BARGE_IN',
    'SUPERVISOR_DISCONNECT',
    'MESSAGE',
    'SET_AGENT_CONFIG'
] as const;

interface Request {
    type: (typeof REQUESTS)[number];
    pick: number;
    pick2: number;
    flag: boolean;
}

type Step =
    | { kind: 'remote'; remote: Remote; wait: boolean }
    | { kind: 'request'; request: Request; wait: boolean }
    /** The request's reply is held while the telephony side acts, then released. */
    | { kind: 'inFlight'; request: Request; during: Remote[] };

/**
 * The state events whose wire payload names no call: at most one may reach Salesforce while one request of the
 * family is in flight (its answer), that is until its reply is released or it is refused. In those windows the
 * telephony side changes hold or recording only on the request's own calls, so a second event would be about the
 * same change.
 */
const FAMILY: Partial<Record<Request['type'], 'MUTE_TOGGLE' | 'HOLD_TOGGLE' | 'RECORDING_TOGGLE'>> = {
    MUTE: 'MUTE_TOGGLE',
    UNMUTE: 'MUTE_TOGGLE',
    HOLD: 'HOLD_TOGGLE',
    RESUME: 'HOLD_TOGGLE',
    SWAP_PARTICIPANTS: 'HOLD_TOGGLE',
    CONFERENCE: 'HOLD_TOGGLE',
    PAUSE_RECORDING: 'RECORDING_TOGGLE',
    RESUME_RECORDING: 'RECORDING_TOGGLE'
};
const MUTE_ERRORS = new Set(['CAN_NOT_MUTE_CALL', 'CAN_NOT_UNMUTE_CALL', 'CAN_NOT_TOGGLE_MUTE']);

const remoteArb: fc.Arbitrary<Remote> = fc.oneof(
    fc.record({ kind: fc.constant('ring' as const), callback: fc.boolean() }),
    fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(5) }),
    fc.record({ kind: fc.constant('hangUp' as const), pick: fc.nat(5), isError: fc.boolean() }),
    fc.record({ kind: fc.constant('mute' as const), muted: fc.boolean() }),
    fc.record({ kind: fc.constant('hold' as const), pick: fc.nat(5), onHold: fc.boolean() }),
    fc.record({ kind: fc.constant('recording' as const), pick: fc.nat(5), paused: fc.boolean() }),
    fc.record({ kind: fc.constant('legAnswered' as const), pick: fc.nat(5) }),
    fc.constant({ kind: 'presence' as const }),
    fc.record({ kind: fc.constant('wrapUpEnded' as const), pick: fc.nat(5) }),
    fc.record({ kind: fc.constant('bargedIn' as const), pick: fc.nat(5) })
);

/** What the telephony side does while a request is in flight: often the same change, the classic race. */
const duringArb: fc.Arbitrary<Remote> = fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('mirror' as const), pick: fc.nat(5) }) },
    { weight: 3, arbitrary: remoteArb }
);

const requestArb: fc.Arbitrary<Request> = fc.record({
    type: fc.constantFrom(...REQUESTS),
    pick: fc.nat(5),
    pick2: fc.nat(5),
    flag: fc.boolean()
});

const stepArb: fc.Arbitrary<Step> = fc.oneof(
    {
        weight: 3,
        arbitrary: fc.record({ kind: fc.constant('remote' as const), remote: remoteArb, wait: fc.boolean() })
    },
    {
        weight: 3,
        arbitrary: fc.record({ kind: fc.constant('request' as const), request: requestArb, wait: fc.boolean() })
    },
    {
        weight: 3,
        arbitrary: fc.record({
            kind: fc.constant('inFlight' as const),
            request: requestArb,
            during: fc.array(duringArb, { minLength: 1, maxLength: 3 })
        })
    }
);

/** One run: the rig, and what the test needs to judge it. */
interface Run {
    rig: Rig;
    supervised: number;
    presenceRequests: number;
    windows: { family: string; request: string; from: number; to: number }[];
    /** How often Salesforce asked for something that the library answers with a per-call event, by `what call`. */
    asked: Map<string, number>;
}

/** The per-call events whose every request gets its own answer (a second End Call is answered too). */
function noteAsked(run: Run, type: string, scope: string[], flag: boolean): void {
    const add = (what: string, ids: string[]) => {
        for (const id of ids) run.asked.set(`${what} ${id}`, (run.asked.get(`${what} ${id}`) ?? 0) + 1);
    };
    const supervisor = run.rig.connector.calls.filter((c) => c.participantType === 'Supervisor').map((c) => c.callId);
    if (['DECLINE_CALL', 'END_CALL', 'SUPERVISOR_DISCONNECT'].includes(type) || (type === 'ADD_PARTICIPANT' && flag))
        add('departure', scope);
    if (type === 'ACCEPT_CALL') {
        add('CALL_CONNECTED', scope);
        add('CALL_STARTED', scope);
        add('departure', supervisor); // the library disconnects a supervised call first
    }
    if (type === 'SUPERVISOR_BARGE_IN') add('SUPERVISOR_BARGED_IN', scope);
}

const pickFrom = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

/** The Salesforce message for a request, and the calls it is about (for the in-flight windows). */
async function build(run: Run, r: Request): Promise<{ message: Record<string, unknown>; scope: string[] }> {
    const calls = run.rig.connector.calls;
    const agentCalls = calls.filter((c) => c.participantType !== 'Supervisor');
    const a = pickFrom(agentCalls, r.pick);
    const b = pickFrom(agentCalls, r.pick2);
    const ref = (c: { callId: string } | undefined) => ({ callId: c?.callId ?? 'gone' });
    const scope = (...cs: ({ callId: string } | undefined)[]) => cs.filter((c) => c !== undefined).map((c) => c.callId);
    const supervisor = calls.find((c) => c.participantType === 'Supervisor');
    switch (r.type) {
        case 'ACCEPT_CALL': {
            const c = pickFrom(
                agentCalls.filter((x) => x.state === 'ringing'),
                r.pick
            );
            return {
                message: { type: r.type, call: { ...ref(c), callType: c?.callType ?? 'Inbound' } },
                scope: scope(c)
            };
        }
        case 'END_CALL_PARTIAL':
            return {
                message: { type: 'END_CALL', call: { callAttributes: { participantType: 'Initial_Caller' } } },
                scope: agentCalls.filter((c) => c.participantType === 'Initial_Caller').map((c) => c.callId)
            };
        case 'DIAL':
            return {
                message: { type: r.type, contact: { phoneNumber: r.flag ? '+14155550142' : '+99900' } },
                scope: []
            };
        case 'ADD_PARTICIPANT':
            return {
                message: {
                    type: r.type,
                    contact: { phoneNumber: '+14155550177' },
                    call: ref(a),
                    isBlindTransfer: r.flag
                },
                scope: scope(a)
            };
        case 'SWAP_PARTICIPANTS':
            return { message: { type: r.type, callToHold: ref(a), callToResume: ref(b) }, scope: scope(a, b) };
        case 'CONFERENCE':
            return { message: { type: r.type, calls: agentCalls.map(ref) }, scope: scope(...agentCalls) };
        case 'SET_AGENT_STATUS':
            return {
                message: {
                    type: r.type,
                    agentStatus: 'Online',
                    statusInfo: { statusId: r.flag ? '0N5x' : 'bad-status' }
                },
                scope: []
            };
        case 'SEND_DIGITS':
            return { message: { type: r.type, digits: '12#' }, scope: [] };
        case 'GET_PHONE_CONTACTS':
            return { message: { type: r.type, filter: { contains: 'a' } }, scope: [] };
        case 'AGENT_AVAILABLE':
            return { message: { type: r.type, isAvailable: true }, scope: [] };
        case 'WRAP_UP_CALL': {
            const ended = pickFrom(await run.rig.telephony.ended(), r.pick);
            return { message: { type: r.type, call: ended ? { callId: ended } : {} }, scope: [] };
        }
        case 'SUPERVISE_CALL':
            // One supervised call at a time: the library keeps a single supervisor flag.
            return supervisor
                ? { message: { type: 'GET_AGENT_STATUS' }, scope: [] }
                : {
                      message: { type: r.type, call: { callId: `sup-${++run.supervised}`, voiceCallId: '0LQ1' } },
                      scope: []
                  };
        case 'SUPERVISOR_BARGE_IN':
        case 'SUPERVISOR_DISCONNECT':
            return { message: { type: r.type, call: ref(supervisor) }, scope: scope(supervisor) };
        case 'MESSAGE':
            return {
                message: {
                    type: r.type,
                    message: { source: 'VOICE_EXTENSION', type: 'note', payload: { n: r.pick }, version: 1 }
                },
                scope: []
            };
        case 'SET_AGENT_CONFIG':
            return {
                message: {
                    type: r.type,
                    config: {
                        selectedPhone: r.flag ? { type: 'SOFT_PHONE' } : { type: 'DESK_PHONE', number: '+14155550100' }
                    }
                },
                scope: []
            };
        default:
            return { message: { type: r.type, call: ref(a) }, scope: scope(a) };
    }
}

/**
 * What the telephony side does. `focus` (the calls of the request in flight) is where most picks land; with
 * `only`, hold or recording changes land nowhere else.
 */
async function act(
    run: Run,
    action: Remote,
    focus: string[] = [],
    only?: 'hold' | 'recording',
    request?: Record<string, unknown>
): Promise<void> {
    const t = run.rig.telephony;
    const live = new Map((await t.calls()).map((c) => [c.callId, c]));
    const all = [...live.values()].filter((c) => c.participantType !== 'Supervisor').map((c) => c.callId);
    const near = focus.filter((id) => live.has(id));
    const choose = (pick: number, candidates: (id: string) => boolean, restricted = false): string | undefined => {
        const pool = restricted ? near : near.length && pick % 3 !== 2 ? near : all;
        return pickFrom(pool.filter(candidates), pick);
    };
    const state = (id: string) => live.get(id)?.state;
    switch (action.kind) {
        case 'ring':
            if (live.size < 4) await t.ring({ callback: action.callback });
            return;
        case 'answer': {
            const id = choose(action.pick, (x) => state(x) === 'ringing');
            if (id) await t.answer(id);
            return;
        }
        case 'hangUp': {
            const id = choose(action.pick, () => true);
            if (id) await t.hangUp(id, action.isError);
            return;
        }
        case 'mute':
            // A desk phone reports its mute on a call.
            if (live.size) await t.mute(action.muted);
            return;
        case 'hold': {
            const id = choose(action.pick, (x) => state(x) !== 'ringing', only === 'hold');
            if (id) await t.hold(id, action.onHold);
            return;
        }
        case 'recording': {
            const id = choose(action.pick, (x) => state(x) !== 'ringing', only === 'recording');
            if (id) await t.recording(id, action.paused);
            return;
        }
        case 'legAnswered': {
            const id = choose(action.pick, (x) => state(x) === 'transferring');
            if (id) await t.legAnswered(id);
            return;
        }
        case 'presence':
            await t.tell({ type: 'presenceRequested', statusId: `0N5remote${++run.presenceRequests}` });
            return;
        case 'wrapUpEnded': {
            const id = pickFrom(await t.ended(), action.pick);
            if (id) await t.tell({ type: 'wrapUpEnded', callId: id });
            return;
        }
        case 'bargedIn': {
            const id = choose(action.pick, (x) => state(x) === 'connected');
            if (id) await t.bargeIn(id, 'Sam');
            return;
        }
        case 'mirror':
            return mirror(run, String(request?.type), near, action.pick);
    }
}

/** The telephony side does what Salesforce's request in flight asks for, on the same call. */
async function mirror(run: Run, type: string, calls: string[], pick: number): Promise<void> {
    const t = run.rig.telephony;
    const live = new Map((await t.calls()).map((c) => [c.callId, c]));
    const id = pickFrom(calls, pick);
    const connected = (x: string | undefined) => x !== undefined && live.has(x) && live.get(x)?.state !== 'ringing';
    switch (type) {
        case 'MUTE':
        case 'UNMUTE':
            if (live.size) await t.mute(type === 'MUTE');
            return;
        case 'SET_AGENT_STATUS':
            await t.tell({ type: 'presenceRequested', statusId: `0N5remote${++run.presenceRequests}` });
            return;
        case 'HOLD':
        case 'RESUME':
            if (connected(id)) await t.hold(id!, type === 'HOLD');
            return;
        case 'SWAP_PARTICIPANTS':
            if (connected(id)) await t.hold(id!, calls.indexOf(id!) === 0);
            return;
        case 'CONFERENCE':
            if (connected(id)) await t.hold(id!, false);
            return;
        case 'PAUSE_RECORDING':
        case 'RESUME_RECORDING':
            if (connected(id)) await t.recording(id!, type === 'PAUSE_RECORDING');
            return;
        case 'ACCEPT_CALL':
            if (id && live.get(id)?.state === 'ringing') await t.answer(id);
            return;
        case 'END_CALL':
        case 'DECLINE_CALL':
        case 'ADD_PARTICIPANT':
        case 'SUPERVISOR_DISCONNECT':
            if (id && live.has(id)) await t.hangUp(id);
            return;
    }
}

async function perform(run: Run, step: Step): Promise<void> {
    const { rig } = run;
    switch (step.kind) {
        case 'remote':
            await act(run, step.remote);
            if (step.wait) await rig.settle();
            return;
        case 'request': {
            const { message, scope } = await build(run, step.request);
            noteAsked(run, String(message.type), scope, step.request.flag);
            rig.host.send(message);
            if (step.wait) await rig.settle();
            return;
        }
        case 'inFlight': {
            await rig.settle();
            const { message, scope } = await build(run, step.request);
            const from = rig.host.timeline().length;
            noteAsked(run, String(message.type), scope, step.request.flag);
            rig.wire.holdRequests = true;
            rig.host.send(message);
            // Only drain while replies are held: the event queue may itself wait for a held reply (a publish during
            // which the library calls supervisorDisconnect()), so waiting for it here would wait forever.
            await drain();
            const family = FAMILY[step.request.type];
            const only = family === 'HOLD_TOGGLE' ? 'hold' : family === 'RECORDING_TOGGLE' ? 'recording' : undefined;
            for (const action of step.during) {
                await act(run, action, scope, only, message);
                await drain();
            }
            rig.wire.holdRequests = false;
            rig.wire.release();
            await rig.settle();
            if (family)
                run.windows.push({ family, request: String(message.type), from, to: rig.host.timeline().length });
        }
    }
}

type Payload = {
    callId?: string;
    isReplayedCall?: boolean;
    isMuted?: boolean;
    reason?: string;
    calls?: unknown;
    callInfo?: { initialCallId?: string };
};
/** The calls a departure names: HANGUP sends one call or an array, SUPERVISOR_HANGUP an array or `{calls}`. */
function callsIn(p: unknown): { callId?: string }[] {
    const calls: unknown = Array.isArray(p) ? p : (p as Payload).calls;
    return Array.isArray(calls) ? (calls as { callId?: string }[]) : [p as Payload];
}

/**
 * Everything Salesforce was told twice. Per call: one start, one connect, one departure (HANGUP, PARTICIPANT_REMOVED
 * or SUPERVISOR_HANGUP), one after-call work, one end of wrap-up — or as many as Salesforce asked for (each request
 * is answered), and replays after AGENT_AVAILABLE aside. Departures
 * the library announces without a call id (the connector's PARTICIPANT_REMOVED, the initial caller leaving during a
 * transfer) may not outnumber the calls that ended without an announced departure. Mute: every MUTE_TOGGLE while a
 * MUTE/UNMUTE is being handled is its answer; any other must change the state. Hold and recording: at most one
 * event of the family during an in-flight window of that family. Every status the telephony side asked for reaches
 * Salesforce exactly once.
 */
function duplicates(run: Run, timeline: readonly TimelineEntry[], ended: readonly string[]): string[] {
    const out: string[] = [];
    const seen = new Map<string, number>();
    const once = (key: string, allowed = 1) => {
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        if (n > Math.max(allowed, run.asked.get(key) ?? 0)) out.push(`${n} × ${key}`);
    };
    const departed = new Set<string>();
    let idless = 0;
    let replays = 0;
    const replaysAtFirst = new Map<string, number>();
    let muted: boolean | undefined;
    let pendingMute = 0;
    let statuses = 0;
    timeline.forEach((entry, at) => {
        if ('sent' in entry) return;
        if ('handled' in entry) {
            if (entry.handled === 'MUTE' || entry.handled === 'UNMUTE') pendingMute++;
            if (entry.handled === 'AGENT_AVAILABLE') replays++;
            return;
        }
        const { type } = entry.event;
        const p = (entry.event.payload ?? {}) as Payload;
        switch (type) {
            case 'CALL_STARTED':
            case 'QUEUED_CALL_STARTED':
            case 'CALL_CONNECTED':
            case 'SUPERVISOR_CALL_STARTED':
            case 'SUPERVISOR_CALL_CONNECTED':
            case 'SUPERVISOR_BARGED_IN':
                if (!p.isReplayedCall) once(`${type} ${p.callId}`);
                return;
            case 'CALL_BARGED_IN':
                return; // the telephony side says so each time a supervisor barges in
            case 'PARTICIPANT_ADDED':
            case 'PARTICIPANT_CONNECTED': {
                if (p.callId === undefined) {
                    idless++; // the initial caller left during a transfer
                    return;
                }
                // A replay repeats these without marking them; allow one per AGENT_AVAILABLE since the first.
                const key = `${type} ${p.callId}`;
                if (!replaysAtFirst.has(key)) replaysAtFirst.set(key, replays);
                once(key, 1 + replays - replaysAtFirst.get(key)!);
                return;
            }
            case 'HANGUP':
            case 'SUPERVISOR_HANGUP':
            case 'PARTICIPANT_REMOVED':
                for (const c of callsIn(p)) {
                    if (c.callId !== undefined) {
                        departed.add(c.callId);
                        once(`departure ${c.callId}`);
                    } else if (!(p.reason === 'error' && nextEvent(timeline, at)?.type === 'ERROR')) idless++;
                }
                return;
            case 'AFTER_CALL_WORK_STARTED':
            case 'WRAP_UP_ENDED':
                once(`${type} ${p.callId}`);
                return;
            case 'MUTE_TOGGLE':
                if (pendingMute > 0) pendingMute--;
                else if (p.isMuted === muted) out.push(`MUTE_TOGGLE repeated isMuted=${String(muted)}`);
                muted = p.isMuted;
                return;
            case 'ERROR':
                if (MUTE_ERRORS.has((p as { message?: string }).message ?? '') && pendingMute > 0) pendingMute--;
                return;
            case 'SET_AGENT_STATUS':
                statuses++;
                return;
        }
    });
    const unannounced = ended.filter((id) => !departed.has(id)).length;
    if (idless > unannounced)
        out.push(`${idless} departures without a call id, but only ${unannounced} ended calls not announced by id`);
    if (statuses !== run.presenceRequests)
        out.push(`the telephony side asked for ${run.presenceRequests} statuses, Salesforce got ${statuses}`);
    for (const w of run.windows) {
        // A request refused at once (an unknown call, a swap of a call with itself) is no longer in flight after
        // its error: what the telephony side does next is news again.
        const window = timeline.slice(w.from, w.to);
        const refused = window.findIndex((e) => 'event' in e && (e.event.type === 'ERROR' || e.event.type === 'INFO'));
        const inFlight = refused < 0 ? window : window.slice(0, refused);
        const n = inFlight.filter((e) => 'event' in e && e.event.type === w.family).length;
        if (n > 1) out.push(`${n} × ${w.family} while one ${w.request} was in flight`);
    }
    return out;
}

async function until(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

function nextEvent(timeline: readonly TimelineEntry[], at: number) {
    for (let i = at + 1; i < timeline.length; i++) {
        const entry = timeline[i]!;
        if ('event' in entry) return entry.event;
    }
    return undefined;
}

/**
 * What a correct softphone would have shown, from what Salesforce received: an event about a call after its
 * departure is stale (after-call work and wrap-up aside), one about a call never started (nor live when the run
 * began) out of order; at the end Salesforce must show exactly the telephony side's live calls (a call that left
 * without a call id, the initial caller of a transfer, is allowed for as `duplicates` does; so is a third party's
 * PARTICIPANT_REMOVED, which the library sends without the call: `{ reason }` only).
 */
function modelProblems(
    timeline: readonly TimelineEntry[],
    liveAtStart: readonly string[],
    liveAtEnd: readonly string[]
): { stale: string[]; outOfOrder: string[]; lost: string[] } {
    const shown = new Set(liveAtStart);
    const departed = new Set<string>();
    const out = { stale: [] as string[], outOfOrder: [] as string[], lost: [] as string[] };
    let idless = 0;
    const legs = new Map<string, string>();
    for (const [at, entry] of timeline.entries()) {
        if (!('event' in entry)) continue;
        const { type } = entry.event;
        const p = (entry.event.payload ?? {}) as Payload;
        switch (type) {
            case 'CALL_STARTED':
            case 'QUEUED_CALL_STARTED':
            case 'SUPERVISOR_CALL_STARTED':
            case 'SUPERVISOR_CALL_CONNECTED':
            case 'PARTICIPANT_ADDED':
                if (p.callId === undefined) {
                    if (type === 'PARTICIPANT_ADDED') idless++;
                    break;
                }
                if (departed.has(p.callId)) out.stale.push(`${type} ${p.callId} after its departure`);
                else shown.add(p.callId);
                if (type === 'PARTICIPANT_ADDED' && p.callInfo?.initialCallId)
                    legs.set(p.callId, p.callInfo.initialCallId);
                break;
            case 'CALL_CONNECTED':
            case 'PARTICIPANT_CONNECTED':
            case 'SUPERVISOR_BARGED_IN':
            case 'CALL_BARGED_IN':
            case 'RECORDING_TOGGLE':
                if (p.callId === undefined) {
                    if (type === 'PARTICIPANT_CONNECTED') idless++;
                    break;
                }
                if (departed.has(p.callId)) out.stale.push(`${type} ${p.callId} after its departure`);
                else if (!shown.has(p.callId) && !p.isReplayedCall)
                    out.outOfOrder.push(`${type} ${p.callId} before it started`);
                if (p.isReplayedCall) shown.add(p.callId);
                break;
            case 'HANGUP':
            case 'SUPERVISOR_HANGUP':
            case 'PARTICIPANT_REMOVED':
                for (const c of callsIn(p)) {
                    if (c.callId === undefined) {
                        // Not the library's answer to a failed ADD_PARTICIPANT (reason "error", then its ERROR).
                        if (!(p.reason === 'error' && nextEvent(timeline, at)?.type === 'ERROR')) idless++;
                        continue;
                    }
                    if (departed.has(c.callId)) continue; // counted by `duplicates`
                    if (!shown.has(c.callId)) out.outOfOrder.push(`${type} ${c.callId} before it started`);
                    shown.delete(c.callId);
                    departed.add(c.callId);
                }
                // A blind transfer's leg is no longer the agent's once the agent's call hangs up.
                if (type === 'HANGUP')
                    for (const c of callsIn(p))
                        for (const [leg, parent] of legs) if (parent === c.callId) shown.delete(leg);
                break;
        }
    }
    const live = new Set(liveAtEnd);
    for (const id of live) if (!shown.has(id)) out.lost.push(`${id} is live, Salesforce does not show it`);
    const extra = [...shown].filter((id) => !live.has(id));
    if (extra.length > idless) out.lost.push(`Salesforce still shows ${extra.join(', ')}, which ended`);
    return out;
}

const describeEntry = (e: TimelineEntry) =>
    'sent' in e ? `> ${e.sent}` : 'handled' in e ? `~ ${e.handled}` : `< ${e.event.type}`;

describe('random interleavings', () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    after(() => process.off('unhandledRejection', onUnhandled));

    let tally: Tally = emptyTally();
    /** Off while an open seed (a known, unfixed race) replays: its failure is reported as a to-do, not tallied. */
    let tallying = true;
    after(() => writeTally('interleavings', tally));

    const property = fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 15 }),
        fc.option(fc.integer(), { freq: 2 }),
        async (steps, chaosSeed) => {
            const rig = await startRig({ requestTimeoutMs: 400 });
            const run: Run = { rig, supervised: 0, presenceRequests: 0, windows: [], asked: new Map() };
            try {
                // The library keeps one supervisor flag for the process: an ACCEPT_CALL clears what an
                // earlier run left, whatever it finds.
                await rig.send({ type: 'ACCEPT_CALL', call: { callId: 'reset', callType: 'Inbound' } });
                await connectedCall(rig);
                const liveAtStart = rig.connector.calls.map((c) => c.callId);
                if (chaosSeed !== null)
                    rig.wire.chaos = {
                        random: seededRandom(chaosSeed),
                        drop: 0.02,
                        socketDrop: 0.02,
                        repeat: 0.05,
                        delay: 0.15
                    };
                for (const step of steps) await perform(run, step);
                rig.wire.chaos = undefined;
                await until(() => rig.wire.connected === 1);
                await rig.settle();
                await rig.settle();
                assert.deepEqual(unhandled, []);
                const timeline = rig.host.timeline();
                const live = await rig.telephony.calls();
                const dup = duplicates(run, timeline, await rig.telephony.ended());
                const model = modelProblems(
                    timeline,
                    liveAtStart,
                    live.map((c) => c.callId)
                );
                if (tallying)
                    tally = addTally(tally, {
                        sequences: 1,
                        duplicates: dup.length,
                        stale: model.stale.length,
                        outOfOrder: model.outOfOrder.length,
                        lost: model.lost.length
                    });
                assert.deepEqual(
                    { duplicates: dup, ...model },
                    { duplicates: [], stale: [], outOfOrder: [], lost: [] },
                    timeline.map(describeEntry).join(' ')
                );
                assert.deepEqual(rig.connector.storeProblems(), []);
                const view = (calls: Iterable<{ callId: string; state: string; isOnHold: boolean }>) =>
                    [...calls].map((c) => `${c.callId}:${c.state}:${c.isOnHold}`).sort();
                assert.deepEqual(view(rig.connector.calls), view(live));
            } finally {
                await rig.stop();
            }
        }
    );
    const options = {
        // A run that hangs (a deadlocked event queue) fails instead of stalling the suite.
        timeout: 15_000,
        includeErrorInReport: true
    };

    for (const s of SEEDS)
        it(
            `seed ${s.seed} (found: ${s.found})`,
            s.open ? { todo: 'found, not fixed yet: see connector/README.md, known limits' } : {},
            async () => {
                tallying = !s.open;
                try {
                    await fc.assert(property, { ...options, seed: s.seed, path: s.path, numRuns: 1 });
                } finally {
                    tallying = true;
                }
            }
        );

    it('never throw, never duplicate, lose, reorder or revive, and leave the store in step with the telephony side', async () => {
        await fc.assert(property, {
            ...options,
            numRuns: RUNS,
            ...seedOption()
        });
    });
});
