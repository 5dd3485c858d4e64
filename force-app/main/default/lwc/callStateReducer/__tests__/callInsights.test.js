import {
    AUDIO_THRESHOLDS,
    availableActions,
    callDurations,
    describeChange,
    initialState,
    rateAudio,
    reduceToolkitEvent,
    validateDigits
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

describe('availableActions', () => {
    it('offers nothing without a call in progress', () => {
        for (const call of [null, callAfter(['callstarted']), callAfter(['callconnected', 'callended'])]) {
            expect(Object.values(availableActions(call)).some(Boolean)).toBe(false);
        }
    });

    it('enables only what makes sense on a two-party call', () => {
        expect(availableActions(callAfter(['callconnected']))).toEqual({
            mute: true,
            unmute: false,
            holdCaller: true,
            resumeCaller: false,
            holdThirdParty: false,
            resumeThirdParty: false,
            endCall: true,
            removeCaller: false,
            removeThirdParty: false,
            pauseRecording: true,
            resumeRecording: false,
            merge: false,
            swap: false,
            sendDigits: true
        });
        expect(availableActions(callAfter(['callconnected', 'mute', 'hold', 'pauserecording']))).toMatchObject({
            mute: false,
            unmute: true,
            holdCaller: false,
            resumeCaller: true,
            pauseRecording: false,
            resumeRecording: true
        });
    });

    it('enables merge, swap and removals on a three-way call', () => {
        expect(availableActions(callAfter(['callconnected', 'hold', 'participantadded']))).toMatchObject({
            merge: true,
            swap: true,
            removeCaller: true,
            removeThirdParty: true,
            holdThirdParty: true,
            resumeCaller: true
        });
        expect(availableActions(callAfter(['callconnected', 'hold', 'participantadded', 'conference']))).toMatchObject({
            merge: false,
            swap: false
        });
    });
});

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
        expect(steps[2]).toEqual(['Call resumed', '+14155550199 joined']);
        expect(steps[3]).toEqual(['Customer off hold', '+14155550199 on hold']);
        expect(steps[4]).toEqual(['+14155550199 left']);
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

describe('validateDigits', () => {
    it('accepts DTMF, normalises case and spaces', () => {
        expect(validateDigits('1 2 3 # * a b c d ,')).toEqual({ ok: true, digits: '123#*ABCD,' });
    });

    it('explains what is wrong', () => {
        expect(validateDigits('')).toEqual({ ok: false, error: 'Enter digits to send.' });
        expect(validateDigits(undefined).ok).toBe(false);
        expect(validateDigits('12e!')).toEqual({
            ok: false,
            error: 'Only 0-9, *, #, A-D and comma (pause) can be sent. Remove: E !'
        });
        expect(validateDigits('1'.repeat(65))).toEqual({ ok: false, error: 'Send at most 64 digits at a time.' });
    });
});
