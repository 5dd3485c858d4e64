import {
    TOOLKIT_EVENT_NAMES,
    activeCall,
    capacityOf,
    initialState,
    lineCount,
    reduceToolkitEvent,
    transcriptLines
} from 'c/callStateReducer';

const fixture = (name) => require(`./data/${name}.json`);
const CALL = 'VCK-1001';
const CUSTOMER = '+14155550100';

/** Applies events in order; each step is [name, detail?, options?]. Returns the final state and each outcome. */
function run(steps, options, start = initialState()) {
    let state = start;
    let clock = 1_000_000;
    const outcomes = [];
    for (const [name, detail] of steps) {
        clock += 1000;
        const result = reduceToolkitEvent(state, { name, detail: detail ?? fixture(name), receivedAt: clock }, options);
        state = result.state;
        outcomes.push(result.outcome);
    }
    return { state, outcomes, call: state.calls[CALL] };
}

const connected = [['callstarted'], ['callconnected']];
const threeWay = [...connected, ['hold'], ['participantadded']];

describe('c/callStateReducer: every documented Toolkit event', () => {
    it('lists the 19 LWC events', () => {
        expect(TOOLKIT_EVENT_NAMES).toHaveLength(19);
    });

    it('callstarted opens a ringing call with direction and customer number', () => {
        const { call } = run([['callstarted']]);
        expect(call).toMatchObject({
            phase: 'ringing',
            direction: 'inbound',
            customerNumber: CUSTOMER,
            adopted: false
        });
        expect(call.participants).toEqual([
            expect.objectContaining({ role: 'initialCaller', label: CUSTOMER, present: true, onHold: false })
        ]);
    });

    it('callconnected connects a ringing call and starts the talk timer', () => {
        const { call } = run(connected);
        expect(call.phase).toBe('connected');
        expect(call.timers.connectedAt).toBe(1_002_000);
    });

    it('callconnected without callstarted (an outbound call opened in a new tab) starts connected', () => {
        const { call } = run([['callconnected', { ...fixture('callconnected'), callType: 'outbound' }]]);
        expect(call).toMatchObject({ phase: 'connected', direction: 'outbound' });
    });

    it('hold and resume move the customer and the phase, and count hold time', () => {
        const held = run([...connected, ['hold']]);
        expect(held.call.phase).toBe('onHold');
        expect(held.call.timers).toMatchObject({ holdCount: 1, holdStartedAt: 1_003_000 });
        const resumed = run([...connected, ['hold'], ['resume']]);
        expect(resumed.call.phase).toBe('connected');
        expect(resumed.call.timers).toMatchObject({ holdStartedAt: null, totalHoldMs: 1000 });
    });

    it('mute and unmute toggle the agent microphone state', () => {
        expect(run([...connected, ['mute']]).call.muted).toBe(true);
        expect(run([...connected, ['mute'], ['unmute']]).call.muted).toBe(false);
    });

    it('participantadded and participantremoved manage the third party', () => {
        const added = run(threeWay);
        expect(added.call.participants.map((p) => [p.role, p.onHold, p.present])).toEqual([
            ['initialCaller', true, true],
            ['thirdParty', false, true]
        ]);
        expect(added.call.phase).toBe('connected');
        const removed = run([...threeWay, ['participantremoved']]);
        expect(removed.call.participants[1]).toMatchObject({ present: false, leftAt: expect.any(Number) });
        expect(removed.call.phase).toBe('onHold');
    });

    it('conference takes everyone off hold', () => {
        const { call } = run([...threeWay, ['conference']]);
        expect(call.participants.every((p) => !p.onHold)).toBe(true);
        expect(call.timers.totalHoldMs).toBe(2000);
    });

    it('swap exchanges who is on hold', () => {
        const { call } = run([...threeWay, ['swap']]);
        expect(call.participants.map((p) => p.onHold)).toEqual([false, true]);
    });

    it('pauserecording and resumerecording track recording', () => {
        expect(run([...connected, ['pauserecording']]).call.recordingPaused).toBe(true);
        expect(run([...connected, ['pauserecording'], ['resumerecording']]).call.recordingPaused).toBe(false);
    });

    it('transcript appends lines with the sender time', () => {
        const { call } = run([...connected, ['transcript']]);
        expect(transcriptLines(call.transcript)).toEqual([
            {
                id: 'msg-1',
                text: 'I would like to change my delivery address.',
                senderRole: 'EndUser',
                at: 1763900000000
            }
        ]);
    });

    it('flagraise and flaglower raise and clear the help flag', () => {
        const raised = run([...connected, ['flagraise']]);
        expect(raised.call.flag).toEqual({
            id: 'flag-1',
            text: 'Customer asks for a refund above my limit',
            raisedBy: 'Ada Agent',
            raisedAt: 1763900001000
        });
        expect(run([...connected, ['flagraise'], ['flaglower']]).call.flag).toBeNull();
    });

    it('note keeps supervisor messages', () => {
        const { call } = run([...connected, ['note']]);
        expect(call.notes).toEqual([
            {
                id: 'note-1',
                text: 'Offer the loyalty discount',
                senderRole: 'Supervisor',
                senderName: 'Sam Supervisor',
                at: 1763900003000
            }
        ]);
    });

    it('audiostats rates quality with the numbers behind it', () => {
        const { call } = run([...connected, ['audiostats']]);
        expect(call.audio.rating).toBe('fair');
        expect(call.audio.input).toMatchObject({
            packetsLost: 8,
            packetsCount: 400,
            lossRatio: 0.02,
            jitterBufferMillis: 45
        });
        expect(call.audio.reasons).toEqual(['Incoming packet loss 2.0 %', 'Incoming jitter 45 ms']);
    });

    it('callended opens after-call work and wrapupended closes it', () => {
        const ended = run([...connected, ['hold'], ['callended']]);
        expect(ended.call.phase).toBe('afterCallWork');
        expect(ended.call.participants.every((p) => !p.present)).toBe(true);
        expect(ended.call.timers).toMatchObject({ endedAt: 1_004_000, holdStartedAt: null, totalHoldMs: 1000 });
        expect(run([...connected, ['callended'], ['wrapupended']]).call).toMatchObject({
            phase: 'done',
            timers: expect.objectContaining({ wrapUpEndedAt: 1_004_000 })
        });
    });

    it('without after-call work, callended ends the call', () => {
        expect(run([...connected, ['callended']], { afterCallWork: false }).call.phase).toBe('ended');
    });
});

describe('c/callStateReducer: robustness', () => {
    it('ignores the same event twice, returning the same state object', () => {
        for (const name of [
            'callstarted',
            'callconnected',
            'hold',
            'mute',
            'pauserecording',
            'transcript',
            'flagraise',
            'note',
            'audiostats',
            'callended',
            'wrapupended'
        ]) {
            const prefix =
                name === 'wrapupended' ? [...connected, ['callended']] : name.startsWith('call') ? [] : connected;
            const once = run([...prefix, [name]]);
            const again = reduceToolkitEvent(once.state, { name, detail: fixture(name), receivedAt: 9_999_999 });
            expect(again.outcome.applied).toBe(false);
            expect(again.state).toBe(once.state);
        }
    });

    it('ignores late events for an ended call', () => {
        const ended = run([...connected, ['callended']]);
        for (const name of ['hold', 'mute', 'participantadded', 'pauserecording', 'callconnected', 'audiostats']) {
            const result = reduceToolkitEvent(ended.state, { name, detail: fixture(name), receivedAt: 2_000_000 });
            expect(result.outcome).toMatchObject({ applied: false });
            expect(result.state).toBe(ended.state);
        }
    });

    it('rejects malformed payloads with a reason', () => {
        const cases = [
            ['mute', null],
            ['mute', {}],
            ['mute', { callId: 42 }],
            ['mute', { callId: 'x'.repeat(256) }],
            ['notAnEvent', { callId: CALL }],
            ['audiostats', { callId: CALL, stats: 'bogus' }],
            [
                'audiostats',
                {
                    callId: CALL,
                    stats: 'inputChannelStats',
                    packetsLost: -1,
                    packetsCount: 1,
                    jitterBufferMillis: 1,
                    roundTripTimeMillis: 1
                }
            ],
            [
                'audiostats',
                {
                    callId: CALL,
                    stats: 'inputChannelStats',
                    packetsLost: 5,
                    packetsCount: 1,
                    jitterBufferMillis: 1,
                    roundTripTimeMillis: 1
                }
            ],
            ['transcript', { callId: CALL, content: { text: 'no id' } }],
            ['transcript', { callId: CALL, id: 'm', content: {} }],
            ['participantadded', { callId: CALL }]
        ];
        const start = run(connected).state;
        for (const [name, detail] of cases) {
            const result = reduceToolkitEvent(start, { name, detail, receivedAt: 5 });
            expect(result.outcome.applied).toBe(false);
            expect(result.outcome.reason).toEqual(expect.any(String));
            expect(result.state).toBe(start);
        }
        expect(
            reduceToolkitEvent(start, { name: 'mute', detail: fixture('mute'), receivedAt: Number.NaN }).outcome.reason
        ).toMatch(/receivedAt/);
        expect(reduceToolkitEvent(start, null).outcome.applied).toBe(false);
    });

    it('keeps extra system-generated properties from breaking parsing', () => {
        const { call } = run([['callstarted', { ...fixture('callstarted'), internalThing: { nested: true } }]]);
        expect(call.phase).toBe('ringing');
    });

    it('keeps calls apart: events for another call change only that call', () => {
        const first = run(connected);
        const other = reduceToolkitEvent(first.state, {
            name: 'callstarted',
            detail: { ...fixture('callstarted'), callId: 'VCK-2002' },
            receivedAt: 5_000_000
        });
        expect(other.state.calls[CALL]).toBe(first.call);
        expect(Object.keys(other.state.calls)).toEqual([CALL, 'VCK-2002']);
        expect(activeCall(other.state).callId).toBe('VCK-2002');
    });

    it('adopts a call first seen mid-call, and learns its customer later', () => {
        const { call } = run([['mute'], ['callconnected']]);
        expect(call).toMatchObject({
            adopted: true,
            phase: 'connected',
            muted: true,
            customerNumber: CUSTOMER,
            direction: 'inbound'
        });
    });

    it('recomputes the phase when a late callconnected adds the customer to a held adopted call', () => {
        // found by the property test: the adopted call's only party was on hold, then the customer became known
        const { call } = run([
            ['participantadded', { callId: CALL, participant: '+15550001' }],
            ['hold', { callId: CALL }],
            ['callconnected', { callId: CALL, callType: 'inbound', participant: '+15550003' }]
        ]);
        expect(call.participants.map((p) => [p.label, p.role, p.onHold])).toEqual([
            ['+15550001', 'thirdParty', true],
            ['+15550003', 'initialCaller', false]
        ]);
        expect(call.phase).toBe('connected');
    });

    it('does not adopt a call from callended or wrapupended', () => {
        expect(run([['callended']]).outcomes[0]).toMatchObject({ applied: false, reason: 'unknown call' });
        expect(run([['wrapupended']]).outcomes[0]).toMatchObject({ applied: false });
    });

    it('drops the oldest finished calls beyond maxCalls and ignores their late events', () => {
        let state = initialState();
        let clock = 0;
        const apply = (name, callId) => {
            state = reduceToolkitEvent(
                state,
                { name, detail: { ...fixture(name), callId }, receivedAt: ++clock },
                { maxCalls: 2 }
            ).state;
        };
        for (const id of ['A', 'B', 'C']) ['callconnected', 'callended', 'wrapupended'].forEach((n) => apply(n, id));
        expect(state.order).toEqual(['B', 'C']);
        expect(state.retired).toEqual(['A']);
        apply('transcript', 'A');
        expect(state.calls.A).toBeUndefined();
    });

    it('never drops a live call, however many there are', () => {
        let state = initialState();
        for (let i = 0; i < 5; i++)
            state = reduceToolkitEvent(
                state,
                { name: 'callconnected', detail: { ...fixture('callconnected'), callId: `L${i}` }, receivedAt: i + 1 },
                { maxCalls: 2 }
            ).state;
        expect(state.order).toHaveLength(5);
    });

    it('bounds the transcript to its capacity and keeps the newest lines', () => {
        let { state } = run(connected, { transcriptCapacity: 3 });
        for (let i = 0; i < 10; i++) {
            state = reduceToolkitEvent(
                state,
                {
                    name: 'transcript',
                    detail: { ...fixture('transcript'), id: `m${i}`, content: { text: `line ${i}` } },
                    receivedAt: 3_000_000 + i
                },
                { transcriptCapacity: 3 }
            ).state;
        }
        const call = state.calls[CALL];
        expect(capacityOf(call.transcript)).toBe(3);
        expect(lineCount(call.transcript)).toBe(3);
        expect(transcriptLines(call.transcript).map((l) => l.text)).toEqual(['line 7', 'line 8', 'line 9']);
    });

    it('handles hold for an unnamed participant only when the call has one remote party', () => {
        const single = run([...connected, ['hold', { callId: CALL }]]);
        expect(single.call.phase).toBe('onHold');
        const several = run([...threeWay, ['resume', { callId: CALL }]]);
        expect(several.outcomes.at(-1)).toMatchObject({ applied: false });
    });

    it('ignores swap and conference when they cannot apply', () => {
        expect(run([...connected, ['swap']]).outcomes.at(-1).applied).toBe(false);
        expect(run([...connected, ['conference']]).outcomes.at(-1).applied).toBe(false);
        expect(run([...connected, ['flaglower']]).outcomes.at(-1).applied).toBe(false);
    });

    it('lets a third party rejoin after leaving', () => {
        const { call } = run([...threeWay, ['participantremoved'], ['participantadded']]);
        expect(call.participants[1]).toMatchObject({ present: true, leftAt: null });
    });

    it('keeps a bounded list of supervisor notes', () => {
        let { state } = run(connected);
        for (let i = 0; i < 60; i++)
            state = reduceToolkitEvent(state, {
                name: 'note',
                detail: { ...fixture('note'), id: `n${i}` },
                receivedAt: 4_000_000 + i
            }).state;
        expect(state.calls[CALL].notes).toHaveLength(50);
        expect(state.calls[CALL].notes[0].id).toBe('n10');
    });

    it('returns the active call: live first, then the one in after-call work', () => {
        expect(activeCall(initialState())).toBeNull();
        const acw = run([...connected, ['callended']]);
        expect(activeCall(acw.state).phase).toBe('afterCallWork');
        expect(activeCall(run([...connected, ['callended'], ['wrapupended']]).state)).toBeNull();
    });
});
