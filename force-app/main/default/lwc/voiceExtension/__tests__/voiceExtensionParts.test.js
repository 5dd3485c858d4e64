import { WrapUpDrafts, DRAFT_KEY_PREFIX, MAX_DRAFTS, browserSessionStorage } from '../wrapUpDrafts';
import { ACTION_LABELS, errorMessage, isToolkitAction, onRejected, runToolkitAction } from '../toolkitActions';
import { buildView, formatClock, formatDuration, toCallerContext } from '../voiceExtensionView';
import { initialState, reduceToolkitEvent } from 'c/callStateReducer';

const event = (name) => require(`../../callStateReducer/__tests__/data/${name}.json`);

function callAfter(names) {
    let state = initialState();
    let clock = 0;
    for (const name of names)
        state = reduceToolkitEvent(state, { name, detail: event(name), receivedAt: (clock += 1000) }).state;
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
        expect(new WrapUpDrafts(storage).get('A')).toEqual({ disposition: 'Resolved', notes: 'ok', updatedAt: 5 });
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

    it('bounds how many drafts it keeps and how long notes may be', () => {
        const drafts = new WrapUpDrafts(new MapStorage());
        for (let i = 0; i <= MAX_DRAFTS; i++) drafts.set(`C${i}`, { disposition: '', notes: 'x'.repeat(40000) }, i);
        expect(drafts.get('C0')).toBeNull();
        expect(drafts.get(`C${MAX_DRAFTS}`).notes).toHaveLength(32000);
    });

    it('uses sessionStorage in the browser', () => {
        expect(browserSessionStorage()).toBe(window.sessionStorage);
    });
});

describe('toolkit actions', () => {
    it('recognises only panel actions', () => {
        expect(isToolkitAction('merge')).toBe(true);
        expect(isToolkitAction('sendDigits')).toBe(false);
        expect(isToolkitAction('toString')).toBe(false);
        expect(isToolkitAction(undefined)).toBe(false);
        expect(Object.keys(ACTION_LABELS)).toHaveLength(14);
    });

    it('refuses an unknown action', () => {
        expect(() => runToolkitAction({}, 'fly')).toThrow('unknown action fly');
    });

    it('reports rejected promises and ignores plain return values', async () => {
        const report = jest.fn();
        onRejected(undefined, report);
        onRejected(42, report);
        onRejected(Promise.reject(new Error('nope')), report);
        await Promise.resolve();
        await Promise.resolve();
        expect(report).toHaveBeenCalledTimes(1);
    });

    it('reads error messages from Apex, Toolkit and anything thrown', () => {
        expect(errorMessage({ body: { message: 'From Apex' } })).toBe('From Apex');
        expect(errorMessage({ body: [{ message: 'From a list' }] })).toBe('From a list');
        expect(errorMessage(new Error('From JS'))).toBe('From JS');
        expect(errorMessage('plain')).toBe('plain');
        expect(errorMessage({ body: {} })).toBe('Unknown error');
        expect(errorMessage(null)).toBe('Unknown error');
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

    it('describes audio with its numbers, and an unknown direction as nothing', () => {
        const call = callAfter(['callconnected', 'audiostats']);
        const view = buildView({
            call: { ...call, direction: 'unknown' },
            caller: null,
            now: 5000,
            showTranscript: false
        });
        expect(view.audioDetail).toBe(
            'Incoming packet loss 2.0 % · Incoming jitter 45 ms · loss 2.0 %, jitter 45 ms, round trip 180 ms'
        );
        expect(view.directionLabel).toBe('');
        expect(view.transcript).toEqual([]);
    });
});
