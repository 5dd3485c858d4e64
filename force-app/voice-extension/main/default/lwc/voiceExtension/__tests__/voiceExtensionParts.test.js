import {
    WrapUpDrafts,
    DRAFT_INDEX_KEY,
    DRAFT_KEY_PREFIX,
    MAX_DRAFTS,
    MAX_DRAFT_AGE_MS,
    browserSessionStorage
} from '../wrapUpDrafts';
import { DELAY_HINT, GAPS_AND_DELAY_HINT, GAPS_HINT, summarizeAudio } from '../audioSummary';
import {
    MAX_NOTES_LENGTH,
    buildView,
    formatClock,
    formatDuration,
    toCallerContext,
    unsavedDraftViews,
    wrapUpProblem
} from '../voiceExtensionView';
import { AUDIO_THRESHOLDS, initialState, rateAudio, reduceToolkitEvent } from 'c/callStateReducer';
import { channelStats } from '../../callStateReducer/audioQuality';

const event = (name) => require(`../../callStateReducer/__tests__/data/${name}.json`);

/** The call after these events; an entry may be [name, detail overrides]. */
function callAfter(names) {
    let state = initialState();
    let clock = 0;
    for (const entry of names) {
        const [name, extra] = Array.isArray(entry) ? entry : [entry, {}];
        state = reduceToolkitEvent(state, {
            name,
            detail: { ...event(name), ...extra },
            receivedAt: (clock += 1000)
        }).state;
    }
    return state.calls['VCK-1001'];
}

class MapStorage {
    constructor() {
        this.map = new Map();
    }
    getItem(key) {
        return this.map.has(key) ? this.map.get(key) : null;
    }
    setItem(key, value) {
        this.map.set(key, value);
    }
    removeItem(key) {
        this.map.delete(key);
    }
}

describe('WrapUpDrafts', () => {
    it('keeps drafts in memory and storage, and forgets saved ones', () => {
        const storage = new MapStorage();
        const drafts = new WrapUpDrafts(storage);
        drafts.set('A', { disposition: 'Resolved', notes: 'ok' }, 5);
        expect(new WrapUpDrafts(storage).get('A')).toEqual({
            disposition: 'Resolved',
            notes: 'ok',
            updatedAt: 5,
            callerLabel: null,
            customerNumber: null,
            voiceCallId: null
        });
        drafts.clear('A');
        expect(storage.getItem(`${DRAFT_KEY_PREFIX}A`)).toBeNull();
        expect(drafts.get('A')).toBeNull();
    });

    it('ignores corrupt stored drafts', () => {
        const storage = new MapStorage();
        for (const [id, value] of [
            ['bad-json', '{'],
            ['not-object', '42'],
            ['wrong-types', JSON.stringify({ disposition: 1, notes: 'x', updatedAt: 1 })]
        ]) {
            storage.setItem(`${DRAFT_KEY_PREFIX}${id}`, value);
            expect(new WrapUpDrafts(storage).get(id)).toBeNull();
        }
    });

    it('works in memory when storage is missing or throws', () => {
        const throwing = {
            getItem: () => {
                throw new Error('denied');
            },
            setItem: () => {
                throw new Error('quota');
            },
            removeItem: () => {
                throw new Error('denied');
            }
        };
        for (const storage of [null, throwing]) {
            const drafts = new WrapUpDrafts(storage);
            drafts.set('A', { disposition: '', notes: 'typed' }, 1);
            expect(drafts.get('A').notes).toBe('typed');
            drafts.clear('A');
            expect(drafts.get('A')).toBeNull();
        }
    });

    it('says when a draft is kept in memory only, so the agent can be told', () => {
        const quota = new Error('QuotaExceededError');
        const full = {
            getItem: () => null,
            setItem: () => {
                throw quota;
            },
            removeItem: () => undefined
        };
        const unstored = jest.fn();
        new WrapUpDrafts(full, unstored).set('A', { disposition: '', notes: 'typed' }, 1);
        expect(unstored).toHaveBeenCalledWith(quota);
        const missing = jest.fn();
        new WrapUpDrafts(null, missing).set('A', { disposition: '', notes: 'typed' }, 1);
        expect(missing).toHaveBeenCalledTimes(1);
        const fine = jest.fn();
        new WrapUpDrafts(new MapStorage(), fine).set('A', { disposition: '', notes: 'typed' }, 1);
        expect(fine).not.toHaveBeenCalled();
    });

    it('bounds how many drafts it keeps and how long notes may be', () => {
        const drafts = new WrapUpDrafts(new MapStorage());
        for (let i = 0; i <= MAX_DRAFTS; i++) drafts.set(`C${i}`, { disposition: '', notes: 'x'.repeat(40000) }, i);
        expect(drafts.get('C0')).toBeNull();
        expect(drafts.get(`C${MAX_DRAFTS}`).notes).toHaveLength(32000);
    });

    it('lists every stored draft to a new instance (a reload), the most recently edited first', () => {
        const storage = new MapStorage();
        const drafts = new WrapUpDrafts(storage);
        drafts.set(
            'A',
            { disposition: '', notes: 'a', callerLabel: 'Ada', customerNumber: '+1', voiceCallId: '0LQ1' },
            1
        );
        drafts.set('B', { disposition: 'Resolved', notes: 'b' }, 2);
        drafts.set('A', { disposition: 'Callback', notes: 'a2' }, 3); // the caller fields stay from before
        const listed = new WrapUpDrafts(storage).list(4);
        expect(listed.map((e) => e.callId)).toEqual(['A', 'B']);
        expect(listed[0].draft).toEqual({
            disposition: 'Callback',
            notes: 'a2',
            updatedAt: 3,
            callerLabel: 'Ada',
            customerNumber: '+1',
            voiceCallId: '0LQ1'
        });
        drafts.clear('A');
        expect(new WrapUpDrafts(storage).list(4).map((e) => e.callId)).toEqual(['B']);
    });

    it('drops drafts past the age limit, from storage too', () => {
        const storage = new MapStorage();
        const drafts = new WrapUpDrafts(storage);
        drafts.set('old', { disposition: '', notes: 'old' }, 0);
        drafts.set('new', { disposition: '', notes: 'new' }, 1000);
        expect(drafts.list(MAX_DRAFT_AGE_MS).map((e) => e.callId)).toEqual(['new', 'old']); // at the limit: kept
        const later = new WrapUpDrafts(storage);
        expect(later.list(MAX_DRAFT_AGE_MS + 1).map((e) => e.callId)).toEqual(['new']);
        expect(storage.getItem(`${DRAFT_KEY_PREFIX}old`)).toBeNull();
        expect(JSON.parse(storage.getItem(DRAFT_INDEX_KEY))).toEqual(['new']);
    });

    it('keeps at most MAX_DRAFTS, dropping the least recently edited, in storage too', () => {
        const storage = new MapStorage();
        const drafts = new WrapUpDrafts(storage);
        for (let i = 0; i <= MAX_DRAFTS; i++) drafts.set(`C${i}`, { disposition: '', notes: `n${i}` }, i);
        const listed = new WrapUpDrafts(storage).list(MAX_DRAFTS);
        expect(listed).toHaveLength(MAX_DRAFTS);
        expect(listed.map((e) => e.callId)).not.toContain('C0');
        expect(storage.getItem(`${DRAFT_KEY_PREFIX}C0`)).toBeNull();
    });

    it('ignores a corrupt index and stored drafts it cannot read', () => {
        for (const index of ['{', '42', JSON.stringify(['gone', 7])]) {
            const storage = new MapStorage();
            storage.setItem(DRAFT_INDEX_KEY, index);
            expect(new WrapUpDrafts(storage).list(0)).toEqual([]);
        }
        const throwing = {
            getItem: () => {
                throw new Error('denied');
            },
            setItem: () => undefined,
            removeItem: () => undefined
        };
        expect(new WrapUpDrafts(throwing).list(0)).toEqual([]);
        expect(new WrapUpDrafts(null).list(0)).toEqual([]);
    });

    it('uses sessionStorage in the browser', () => {
        expect(browserSessionStorage()).toBe(window.sessionStorage);
    });
});

describe('voiceExtensionView', () => {
    it('formats durations and clock times', () => {
        expect(formatDuration(0)).toBe('0:00');
        expect(formatDuration(65_000)).toBe('1:05');
        expect(formatDuration(3_725_000)).toBe('1:02:05');
        expect(formatDuration(Number.NaN)).toBe('0:00');
        expect(formatClock(Number.NaN)).toBe('');
        expect(formatClock(new Date(2026, 10, 23, 9, 5).getTime())).toBe('09:05');
    });

    it('turns whatever Apex returned into a safe caller context', () => {
        expect(toCallerContext(null)).toEqual({
            voiceCallFound: false,
            voiceCallId: null,
            relatedRecord: null,
            caseRecord: null,
            opportunity: null,
            lead: null,
            disposition: null,
            notes: null,
            match: null,
            relatedRecordIds: []
        });
        const context = toCallerContext({
            voiceCallFound: 'yes',
            relatedRecord: { label: 'no id' },
            lead: { id: '00Q000000000001AAA' },
            match: { recordId: '001000000000001AAA', candidateCount: 'many' },
            relatedRecordIds: ['a', '', 3]
        });
        expect(context.voiceCallFound).toBe(false);
        expect(context.relatedRecord).toBeNull();
        expect(context.lead).toEqual({ id: '00Q000000000001AAA', label: null, objectApiName: null });
        expect(context.match).toMatchObject({ objectApiName: 'Record', candidateCount: null });
        expect(context.relatedRecordIds).toEqual(['a']);
    });

    it('labels the caller from the related record, a match, or the number', () => {
        const call = callAfter(['callstarted', 'callconnected']);
        const view = (caller) => buildView({ call, caller, now: 10_000, showTranscript: true });
        expect(view(null)).toMatchObject({ callerLabel: '+14155550100', callerHint: null });
        expect(view(toCallerContext({}))).toMatchObject({
            callerLabel: '+14155550100',
            callerHint: 'No matching contact, lead or account'
        });
        expect(
            view(
                toCallerContext({
                    match: { recordId: '00Q000000000001AAA', objectApiName: 'Lead', name: 'Bo Lead', candidateCount: 1 }
                })
            )
        ).toMatchObject({
            callerLabel: 'Bo Lead',
            callerHint: 'Lead'
        });
        expect(
            view(
                toCallerContext({
                    relatedRecord: { id: '001000000000001AAA', label: 'Acme', objectApiName: 'CustomThing__c' }
                })
            )
        ).toMatchObject({
            callerLabel: 'Acme',
            callerHint: 'CustomThing__c'
        });
        const withLinks = view(
            toCallerContext({
                match: {
                    recordId: '003000000000001AAA',
                    objectApiName: 'Contact',
                    name: 'Ada',
                    accountId: '001000000000001AAA',
                    accountName: 'Acme'
                },
                opportunity: { id: '006000000000001AAA', label: 'Renewal' },
                lead: { id: '00Q000000000001AAA', label: 'Lead 1', objectApiName: 'Lead' }
            })
        );
        expect(withLinks.records.map((r) => `${r.objectLabel}: ${r.label}`)).toEqual([
            'Contact: Ada',
            'Account: Acme',
            'Opportunity: Renewal',
            'Lead: Lead 1'
        ]);
    });

    it('shows the right timer for each phase', () => {
        const at = (names) =>
            buildView({ call: callAfter(names), caller: null, now: 60_000, showTranscript: false }).timerLabel;
        expect(at(['callstarted'])).toBe('Ringing 0:59');
        expect(at(['callstarted', 'callconnected'])).toBe('Talking 0:58');
        expect(at(['callstarted', 'callconnected', 'hold'])).toBe('Call 0:58'); // nobody to talk to while on hold
        expect(at(['callstarted', 'callconnected', 'callended'])).toBe('Wrap-up 0:57 · call 0:01');
        const hold = buildView({
            call: callAfter(['callconnected', 'hold']),
            caller: null,
            now: 10_000,
            showTranscript: false
        });
        expect(hold.holdLabel).toBe('Hold 0:08 (1×)');
        expect(hold.directionLabel).toBe('Inbound');
    });

    it('describes audio in plain words with the numbers only in the title, and an unknown direction as nothing', () => {
        const call = callAfter(['callconnected', 'audiostats']);
        const view = buildView({
            call: { ...call, direction: 'unknown' },
            caller: null,
            now: 5000,
            showTranscript: false
        });
        expect(view).toMatchObject({
            audioLabel: 'Audio fair',
            audioHint: 'you or the caller may hear gaps',
            audioTitle: 'Incoming packet loss 2.0 % · Incoming jitter 45 ms',
            audioClass: 'audio audio_fair'
        });
        expect(view.directionLabel).toBe('');
        expect(view.transcript).toEqual([]);
    });
});

describe('status texts per Toolkit event sequence', () => {
    const view = (names, extra = {}) =>
        buildView({ call: callAfter(names), caller: null, now: 60_000, showTranscript: false, ...extra });
    const statuses = (v) => v.participants.map((p) => `${p.roleLabel}: ${p.label} ${p.statusLabel}`);
    const THIRD = { participant: '+14155550199' };

    it.each([
        [['callstarted'], 'Ringing', ['Caller: +14155550100 Ringing'], /^Ringing /],
        [['callstarted', 'callconnected'], 'Connected', ['Caller: +14155550100 Connected'], /^Talking /],
        [['callstarted', 'callconnected', 'hold'], 'On hold', ['Caller: +14155550100 On hold'], /^Call /],
        [
            ['callstarted', 'callconnected', 'hold', 'resume'],
            'Connected',
            ['Caller: +14155550100 Connected'],
            /^Talking /
        ],
        [
            ['callstarted', 'callconnected', 'hold', 'participantadded'],
            'Connected',
            ['Caller: +14155550100 On hold', 'Third party: +14155550199 Connected'],
            /^Talking /
        ],
        [
            ['callstarted', 'callconnected', 'hold', 'participantadded', ['hold', THIRD]],
            'On hold',
            ['Caller: +14155550100 On hold', 'Third party: +14155550199 On hold'],
            /^Call /
        ],
        [['callstarted', 'callconnected', 'callended'], 'After-call work', [], /^Wrap-up /]
    ])('after %j the call is %s', (names, phase, parties, timer) => {
        const v = view(names);
        expect(v.phaseLabel).toBe(phase);
        expect(statuses(v)).toEqual(parties);
        expect(v.timerLabel).toMatch(timer);
    });

    it('shows muted in words while muted, and not after the call', () => {
        expect(view(['callconnected', 'mute']).mutedLabel).toBe('Muted');
        expect(view(['callconnected', 'mute', 'unmute']).mutedLabel).toBeNull();
        expect(view(['callconnected', 'mute', 'callended']).mutedLabel).toBeNull();
        expect(buildView({ call: null, caller: null, now: 0, showTranscript: false }).mutedLabel).toBeNull();
    });
});

describe('summarizeAudio: short and human', () => {
    const [LOSS, JITTER, ROUND_TRIP] = ['lossRatio', 'jitterBufferMillis', 'roundTripTimeMillis'].map(
        (metric) => AUDIO_THRESHOLDS[metric]
    );
    /** One channel's stats: 100 packets, the given loss ratio, jitter and round trip. */
    const stats = (loss, jitter, roundTrip) => channelStats(Math.round(loss * 100), 100, jitter, roundTrip, 1);
    const GOOD = stats(0, 5, 50);
    const summary = (input, output = null) => summarizeAudio(rateAudio(input, output));
    /** What the agent reads: the label, and the hint after a colon. */
    const visible = (s) => (s.hint ? `${s.label}: ${s.hint}` : s.label);

    it.each([
        ['not measured yet', null, null, 'Audio not measured yet'],
        ['good', GOOD, null, 'Audio good'],
        ['fair from packet loss', stats(LOSS[0], 5, 50), null, `Audio fair: ${GAPS_HINT}`],
        ['poor from packet loss', stats(LOSS[1], 5, 50), null, 'Audio poor: you or the caller may hear gaps'],
        ['fair from jitter', stats(0, JITTER[0], 50), null, `Audio fair: ${GAPS_HINT}`],
        ['poor from jitter', GOOD, stats(0, JITTER[1], 50), `Audio poor: ${GAPS_HINT}`],
        ['fair from a long round trip', stats(0, 5, ROUND_TRIP[0]), null, 'Audio fair: delay on the line'],
        ['poor from a long round trip', GOOD, stats(0, 5, ROUND_TRIP[1]), `Audio poor: ${DELAY_HINT}`],
        ['poor from loss and delay', stats(LOSS[1], 5, ROUND_TRIP[0]), null, 'Audio poor: gaps and delay on the line'],
        [
            'poor from loss one way, delay the other',
            stats(LOSS[1], 5, 50),
            stats(0, 5, ROUND_TRIP[0]),
            `Audio poor: ${GAPS_AND_DELAY_HINT}`
        ]
    ])('%s: "%s"', (_, input, output, expected) => {
        expect(visible(summary(input, output))).toBe(expected);
    });

    it('keeps every number out of the visible words, and in the title when the audio is not good', () => {
        const poor = summary(stats(0.05, 80, 700), stats(0.02, 5, 50));
        expect(visible(poor)).toBe('Audio poor: gaps and delay on the line');
        expect(visible(poor)).not.toMatch(/\d/);
        expect(poor.title).toBe(
            'Incoming packet loss 5.0 % · Incoming jitter 80 ms · Incoming round trip 700 ms · Outgoing packet loss 2.0 %'
        );
        expect(summary(GOOD).title).toBeNull();
        expect(summary(null).title).toBeNull();
    });
});

describe('unsavedDraftViews', () => {
    const draft = (over = {}) => ({
        disposition: 'Resolved',
        notes: 'n',
        updatedAt: new Date(2026, 0, 1, 14, 5).getTime(),
        callerLabel: null,
        customerNumber: null,
        voiceCallId: null,
        ...over
    });

    it("names each draft by caller, else number, with the time it was last edited, and leaves out the form's call", () => {
        const views = unsavedDraftViews(
            [
                { callId: 'A', draft: draft({ callerLabel: 'Ada Lovelace', customerNumber: '+1' }) },
                { callId: 'B', draft: draft({ customerNumber: '+14155550100' }) },
                { callId: 'C', draft: draft({ updatedAt: Number.NaN }) },
                { callId: 'SHOWN', draft: draft() }
            ],
            'SHOWN'
        );
        expect(views.map((v) => v.heading)).toEqual([
            'Unsaved wrap-up: Ada Lovelace, 14:05',
            'Unsaved wrap-up: +14155550100, 14:05',
            'Unsaved wrap-up: Unknown caller'
        ]);
        expect(views[0]).toMatchObject({ callId: 'A', reason: null, reasonId: null, saveDisabled: false });
    });

    it('says why a draft cannot be saved, and shows a save in flight or failed', () => {
        const [noDisposition] = unsavedDraftViews([{ callId: 'A', draft: draft({ disposition: '' }) }], null);
        expect(noDisposition).toMatchObject({
            reason: 'Choose a disposition to save.',
            reasonId: 'draft-reason-0',
            saveDisabled: true
        });
        const entries = [{ callId: 'A', draft: draft() }];
        expect(unsavedDraftViews(entries, null, { A: { saving: true, message: '', detail: '' } })[0]).toMatchObject({
            saveDisabled: true,
            saveLabel: 'Saving…',
            message: ''
        });
        expect(
            unsavedDraftViews(entries, null, { A: { saving: false, message: 'Wrap-up not saved.', detail: 'raw' } })[0]
        ).toMatchObject({ saveDisabled: false, saveLabel: 'Save draft', message: 'Wrap-up not saved.', detail: 'raw' });
    });
});

describe('wrapUpProblem', () => {
    it('says why a wrap-up cannot be saved yet', () => {
        expect(wrapUpProblem('', 'notes')).toBe('Choose a disposition to save.');
        expect(wrapUpProblem('  ', '')).toBe('Choose a disposition to save.');
        expect(wrapUpProblem('Resolved', 'x'.repeat(MAX_NOTES_LENGTH + 1))).toBe(
            'Shorten the notes to 32000 characters to save.'
        );
        expect(wrapUpProblem('Resolved', '')).toBeNull();
    });
});
