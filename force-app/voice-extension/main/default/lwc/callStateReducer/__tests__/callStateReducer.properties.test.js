// Property-based tests: random sequences of Toolkit events (valid, duplicated, out of order, for other calls, or
// garbage) never throw, never break the model's invariants, and duplicate delivery never changes anything.
import fc from 'fast-check';
import {
    CALL_PHASES,
    PHASE_RANK,
    TOOLKIT_EVENT_NAMES,
    capacityOf,
    initialState,
    lineCount,
    reduceToolkitEvent,
    transcriptLines
} from 'c/callStateReducer';

// FC_NUM_RUNS=20000 npx sfdx-lwc-jest -- callStateReducer fuzzes deeper than the gate's default.
const RUNS = Number(process.env.FC_NUM_RUNS ?? 300);
const CALL_IDS = ['A', 'B', 'C'];
const PEOPLE = ['+15550001', '+15550002', '+15550003'];

const participant = fc.option(fc.constantFrom(...PEOPLE), { nil: undefined });
const validDetail = (name) =>
    fc
        .record({
            callId: fc.constantFrom(...CALL_IDS),
            callType: fc.constantFrom('inbound', 'outbound', 'INBOUND', 'weird'),
            participant,
            stats: fc.constantFrom('inputChannelStats', 'outputChannelStats'),
            packetsLost: fc.nat(50),
            packetsCount: fc.integer({ min: 50, max: 1000 }),
            jitterBufferMillis: fc.nat(120),
            roundTripTimeMillis: fc.nat(900),
            id: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6'),
            content: fc.record({ formatType: fc.constant('Text'), text: fc.constantFrom('hello', 'help', 'ok') }),
            sender: fc.record({ role: fc.constantFrom('Agent', 'Supervisor'), displayName: fc.constant('Sam') }),
            clientSentTimestamp: fc.integer({ min: 1, max: 2_000_000_000_000 })
        })
        .map((detail) => ({ name, detail }));

const garbage = fc.record({
    name: fc.oneof(fc.constantFrom(...TOOLKIT_EVENT_NAMES), fc.string()),
    detail: fc.anything()
});

const envelopeInput = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...TOOLKIT_EVENT_NAMES).chain(validDetail) },
    { weight: 1, arbitrary: garbage }
);
const scenario = fc.record({
    steps: fc.array(fc.tuple(envelopeInput, fc.integer({ min: 0, max: 3000 }), fc.boolean()), { maxLength: 120 }),
    options: fc.record({
        transcriptCapacity: fc.integer({ min: 1, max: 5 }),
        afterCallWork: fc.boolean(),
        maxCalls: fc.integer({ min: 1, max: 4 })
    })
});

function checkInvariants(state, options) {
    expect(Object.keys(state.calls).sort()).toEqual([...state.order].sort());
    for (const call of Object.values(state.calls)) {
        expect(CALL_PHASES).toContain(call.phase);
        const keys = call.participants.map((p) => p.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const p of call.participants) if (p.onHold) expect(p.present).toBe(true);
        if (call.phase === 'connected' || call.phase === 'onHold') {
            const present = call.participants.filter((p) => p.present);
            expect(call.phase === 'onHold').toBe(present.length > 0 && present.every((p) => p.onHold));
        }
        expect(lineCount(call.transcript)).toBeLessThanOrEqual(capacityOf(call.transcript));
        expect(capacityOf(call.transcript)).toBe(options.transcriptCapacity);
        const ids = transcriptLines(call.transcript).map((l) => l.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(call.notes.length).toBeLessThanOrEqual(50);
        expect(call.timers.totalHoldMs).toBeGreaterThanOrEqual(0);
        if (call.timers.connectedAt !== null)
            expect(call.timers.connectedAt).toBeGreaterThanOrEqual(call.timers.startedAt);
        if (call.timers.endedAt !== null) expect(call.timers.endedAt).toBeGreaterThanOrEqual(call.timers.startedAt);
        if (call.phase === 'afterCallWork' || call.phase === 'ended' || call.phase === 'done') {
            expect(call.participants.some((p) => p.present)).toBe(false);
        }
    }
}

describe('c/callStateReducer properties', () => {
    it('never throws, keeps its invariants, and never moves a call back', () => {
        fc.assert(
            fc.property(scenario, ({ steps, options }) => {
                let state = initialState();
                let clock = 1_000_000;
                for (const [input, gap] of steps) {
                    clock += gap;
                    const before = state;
                    const { state: next, outcome } = reduceToolkitEvent(
                        state,
                        { ...input, receivedAt: clock },
                        options
                    );
                    const violations = [];
                    if (!outcome.applied && next !== before) violations.push('an ignored event changed the state');
                    for (const [id, call] of Object.entries(next.calls)) {
                        const old = before.calls[id];
                        if (old && PHASE_RANK[call.phase] < PHASE_RANK[old.phase])
                            violations.push(`${id} moved back from ${old.phase} to ${call.phase}`);
                        // an event changes its own call only
                        if (old && outcome.applied && outcome.callId !== id && call !== old)
                            violations.push(`${id} changed by an event for ${outcome.callId}`);
                    }
                    expect(violations).toEqual([]);
                    checkInvariants(next, options);
                    state = next;
                }
            }),
            { numRuns: RUNS }
        );
    });

    it('makes duplicate delivery harmless: the same event again returns the same state', () => {
        fc.assert(
            fc.property(scenario, ({ steps, options }) => {
                let state = initialState();
                let clock = 1_000_000;
                for (const [input, gap, duplicate] of steps) {
                    clock += gap;
                    const envelope = { ...input, receivedAt: clock };
                    state = reduceToolkitEvent(state, envelope, options).state;
                    // several tabs, or the platform firing twice: delivered again a moment later
                    const again = duplicate
                        ? reduceToolkitEvent(state, { ...envelope, receivedAt: clock + 100 }, options).state
                        : state;
                    expect(again).toBe(state);
                }
            }),
            { numRuns: RUNS }
        );
    });

    it('is deterministic: the same events give equal states', () => {
        fc.assert(
            fc.property(scenario, ({ steps, options }) => {
                const replay = () => {
                    let state = initialState();
                    let clock = 0;
                    for (const [input, gap] of steps)
                        state = reduceToolkitEvent(state, { ...input, receivedAt: (clock += gap) }, options).state;
                    return Object.values(state.calls).map((c) => ({ ...c, transcript: transcriptLines(c.transcript) }));
                };
                expect(replay()).toEqual(replay());
            }),
            { numRuns: Math.max(1, Math.round(RUNS / 3)) }
        );
    });
});
