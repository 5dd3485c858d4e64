import {
    AUDIO_THRESHOLDS,
    MUTED_LABEL,
    PARTICIPANT_STATUS_LABELS,
    PHASE_LABELS,
    callDurations,
    describeChange,
    initialState,
    participantStatus,
    rateAudio,
    reduceToolkitEvent
} from 'c/callStateReducer';
import { channelStats } from '../audioQuality';

const fixture = (name) => require(`./data/${name}.json`);

function callAfter(names, extra = {}) {
    let state = initialState();
    let clock = 0;
    for (const name of names)
        state = reduceToolkitEvent(state, {
            name,
            detail: { ...fixture(name), ...(extra[name] ?? {}) },
            receivedAt: (clock += 1000)
        }).state;
    return state.calls['VCK-1001'] ?? null;
}

describe('describeChange', () => {
    const pairs = (names) => {
        const out = [];
        let state = initialState();
        let clock = 0;
        for (const name of names) {
            const before = state.calls['VCK-1001'] ?? null;
            state = reduceToolkitEvent(state, { name, detail: fixture(name), receivedAt: (clock += 1000) }).state;
            out.push(describeChange(before, state.calls['VCK-1001'] ?? null));
        }
        return out;
    };

    it('announces each change in words', () => {
        expect(
            pairs([
                'callstarted',
                'callconnected',
                'hold',
                'resume',
                'mute',
                'unmute',
                'pauserecording',
                'resumerecording',
                'flagraise',
                'flaglower',
                'note',
                'callended',
                'wrapupended'
            ])
        ).toEqual([
            ['Incoming call from +14155550100'],
            ['Call connected'],
            ['Call on hold'],
            ['Call resumed'],
            ['Muted'],
            ['Unmuted'],
            ['Recording paused'],
            ['Recording resumed'],
            ['Help flag raised'],
            ['Help flag lowered'],
            ['New supervisor note'],
            ['Call ended. After-call work started'],
            ['Wrap-up ended']
        ]);
    });

    it('announces parties joining, leaving and being held on a three-way call', () => {
        const steps = pairs(['callconnected', 'hold', 'participantadded', 'swap', 'participantremoved']);
        expect(steps[2]).toEqual(['+14155550199 joined']); // the caller is still on hold: not "Call resumed"
        expect(steps[3]).toEqual(['Customer off hold', '+14155550199 on hold']);
        expect(steps[4]).toEqual(['+14155550199 left']);
    });

    // Each step: [event, detail overrides]; the third party is +14155550199 (participantadded.json).
    const THIRD = { participant: '+14155550199' };
    const steps = (events) => {
        const out = [];
        let state = initialState();
        let clock = 0;
        for (const [name, extra = {}] of events) {
            const before = state.calls['VCK-1001'] ?? null;
            state = reduceToolkitEvent(state, {
                name,
                detail: { ...fixture(name), ...extra },
                receivedAt: (clock += 1000)
            }).state;
            out.push(describeChange(before, state.calls['VCK-1001'] ?? null));
        }
        return out;
    };

    it('never says "Call resumed" while a consult leg changes and the caller stays on hold', () => {
        const consult = steps([
            ['callconnected'],
            ['hold'],
            ['participantadded'],
            ['hold', THIRD],
            ['resume', THIRD],
            ['hold', THIRD],
            ['participantremoved', THIRD],
            ['resume']
        ]);
        expect(consult).toEqual([
            ['Call connected'],
            ['Call on hold'],
            ['+14155550199 joined'],
            ['+14155550199 on hold'],
            ['+14155550199 off hold'],
            ['+14155550199 on hold'],
            ['+14155550199 left'],
            ['Call resumed'] // only the caller coming back resumes the call
        ]);
        expect(consult.slice(2, -1).flat()).not.toContain('Call resumed');
    });

    it('says the caller was held or taken off hold when a transfer leg is merged or dropped around them', () => {
        const transfer = steps([
            ['callconnected'],
            ['participantadded'],
            ['hold'],
            ['conference'],
            ['participantremoved', THIRD]
        ]);
        expect(transfer).toEqual([
            ['Call connected'],
            ['+14155550199 joined'],
            ['Customer on hold'], // the third party still talks to the agent: the call is not on hold
            ['Customer off hold'],
            ['+14155550199 left']
        ]);
    });

    it('announces a call adopted mid-call from its hold as on hold, once', () => {
        expect(steps([['mute'], ['hold']])).toEqual([['Call connected'], ['Call on hold']]);
    });

    it('announces an outbound call and a call first seen connected', () => {
        expect(describeChange(null, callAfter(['callstarted'], { callstarted: { callType: 'outbound' } }))).toEqual([
            'Outbound call to +14155550100'
        ]);
        expect(describeChange(null, callAfter(['callconnected']))).toEqual(['Call connected']);
        expect(describeChange(null, null)).toEqual([]);
    });

    it('announces poor audio and its recovery, not every small change', () => {
        const good = callAfter(['callconnected']);
        const poor = { ...good, audio: rateAudio(channelStats(50, 100, 10, 10, 1), null) };
        const fair = { ...good, audio: rateAudio(channelStats(2, 100, 10, 10, 1), null) };
        expect(describeChange(good, poor)).toEqual(['Audio quality poor']);
        expect(describeChange(poor, fair)).toEqual(['Audio quality recovered']);
        expect(describeChange(good, fair)).toEqual([]);
    });
});

describe('callDurations', () => {
    it('measures ringing, talk, hold and wrap-up', () => {
        const call = callAfter(['callstarted', 'callconnected', 'hold', 'resume', 'callended']);
        expect(callDurations(call, 99_000)).toEqual({ ringingMs: 1000, talkMs: 3000, holdMs: 1000, wrapUpMs: 94_000 });
    });

    it('counts a hold in progress and never goes negative', () => {
        const call = callAfter(['callconnected', 'hold']);
        expect(callDurations(call, 10_000).holdMs).toBe(8000);
        expect(callDurations(call, 0)).toEqual({ ringingMs: 0, talkMs: 0, holdMs: 0, wrapUpMs: 0 });
    });
});

describe('rateAudio', () => {
    it('grades each metric against its thresholds and keeps the worst', () => {
        expect(rateAudio(null, null).rating).toBe('unknown');
        expect(rateAudio(channelStats(0, 100, 5, 50, 1), null)).toMatchObject({ rating: 'good', reasons: [] });
        expect(rateAudio(null, channelStats(0, 100, AUDIO_THRESHOLDS.jitterBufferMillis[0], 50, 1)).rating).toBe(
            'fair'
        );
        expect(
            rateAudio(
                channelStats(0, 100, 5, 50, 1),
                channelStats(0, 100, 5, AUDIO_THRESHOLDS.roundTripTimeMillis[1], 1)
            )
        ).toMatchObject({
            rating: 'poor',
            reasons: ['Outgoing round trip 600 ms']
        });
        expect(channelStats(0, 0, 0, 0, 1).lossRatio).toBe(0);
    });
});

describe('status texts', () => {
    it('says each party is ringing while the call rings, never connected', () => {
        const ringing = callAfter(['callstarted']);
        const [caller] = ringing.participants;
        expect(caller.onHold).toBe(false);
        expect(PARTICIPANT_STATUS_LABELS[participantStatus(ringing, caller)]).toBe('Ringing');
        const connected = callAfter(['callstarted', 'callconnected']);
        expect(PARTICIPANT_STATUS_LABELS[participantStatus(connected, connected.participants[0])]).toBe('Connected');
        const held = callAfter(['callstarted', 'callconnected', 'hold']);
        expect(PARTICIPANT_STATUS_LABELS[participantStatus(held, held.participants[0])]).toBe('On hold');
    });

    it('uses the same words for a party as for the phase', () => {
        expect(PARTICIPANT_STATUS_LABELS).toEqual({
            ringing: PHASE_LABELS.ringing,
            connected: PHASE_LABELS.connected,
            onHold: PHASE_LABELS.onHold
        });
        expect(MUTED_LABEL).toBe('Muted');
    });
});
