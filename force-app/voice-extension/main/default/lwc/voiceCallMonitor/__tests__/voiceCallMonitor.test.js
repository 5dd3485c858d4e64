import { createElement } from 'lwc';
import VoiceCallMonitor from 'c/voiceCallMonitor';
import VoiceExtension from 'c/voiceExtension';
import { getRecord } from 'lightning/uiRecordApi';
import { publish, resetMessageService, subscriberCount } from 'lightning/messageService';
import { resetToolkitMocks } from 'lightning/serviceCloudVoiceToolkitApi';
import VOICE_CHANNEL from '@salesforce/messageChannel/ServiceCloudVoiceMessageChannel__c';
import getCallerContext from '@salesforce/apex/VoiceExtensionController.getCallerContext';
import getDispositionOptions from '@salesforce/apex/VoiceExtensionController.getDispositionOptions';
import { buildMonitorView, pickCall } from '../monitorView';

jest.mock('@salesforce/apex/VoiceExtensionController.getCallerContext', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/VoiceExtensionController.getDispositionOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/VoiceExtensionController.saveWrapUp', () => ({ default: jest.fn() }), { virtual: true });

const CASE_ID = '500000000000001AAA';
const VOICE_CALL_ID = '0LQ000000000001AAA';
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const toolkitEvent = (name) => require(`../../callStateReducer/__tests__/data/${name}.json`);

function snapshot(overrides = {}) {
    return {
        callId: 'VCK-1001',
        phase: 'connected',
        direction: 'inbound',
        customerNumber: '+14155550100',
        callerName: 'Ada Lovelace',
        voiceCallId: VOICE_CALL_ID,
        relatedRecordIds: [CASE_ID],
        muted: false,
        recordingPaused: false,
        participants: [{ label: '+14155550100', role: 'initialCaller', onHold: false, present: true }],
        audioRating: 'good',
        audioReasons: [],
        flagRaised: false,
        startedAt: Date.now() - 65_000,
        connectedAt: Date.now() - 60_000,
        endedAt: null,
        holdStartedAt: null,
        totalHoldMs: 0,
        publisherId: 'pub-1',
        sequence: 1,
        ...overrides
    };
}

const send = (payload, source = 'SWITCHBOARD_VOICE_EXTENSION', extra = {}) =>
    publish({}, VOICE_CHANNEL, { source, type: 'callState', payload, version: 1, ...extra });

function mount(recordId = CASE_ID, objectApiName = 'Case') {
    const element = createElement('c-voice-call-monitor', { is: VoiceCallMonitor });
    element.recordId = recordId;
    element.objectApiName = objectApiName;
    document.body.appendChild(element);
    return element;
}

const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const text = (element, id) => $(element, id)?.textContent.replace(/\s+/g, ' ').trim();

describe('c-voice-call-monitor', () => {
    beforeEach(() => {
        getCallerContext.mockResolvedValue({
            voiceCallFound: true,
            voiceCallId: VOICE_CALL_ID,
            relatedRecordIds: [CASE_ID],
            caseRecord: { id: CASE_ID, label: '00001026' }
        });
        getDispositionOptions.mockResolvedValue([]);
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        resetMessageService();
        resetToolkitMocks();
    });

    it('asks for the current call state when it loads, and shows nothing without a call', async () => {
        const element = mount();
        await flush();
        expect(publish).toHaveBeenCalledWith(undefined, VOICE_CHANNEL, {
            source: 'SWITCHBOARD_CALL_MONITOR',
            type: 'callStateRequest',
            payload: { callId: null },
            version: 1
        });
        expect($(element, 'call')).toBeNull();
    });

    it('shows a call that concerns the page record', async () => {
        const element = mount();
        send(snapshot({ muted: true, flagRaised: true, totalHoldMs: 30_000 }));
        await flush();
        expect(text(element, 'who')).toBe('Ada Lovelace');
        expect(text(element, 'details')).toBe('+14155550100 Inbound');
        expect(text(element, 'phase')).toBe('Connected');
        expect(text(element, 'timer')).toMatch(/^Talking 1:0\d$/);
        expect(text(element, 'hold')).toBe('On hold 0:30 in total');
        expect([...$(element, 'states').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
            'Agent muted',
            'Help flag raised'
        ]);
        expect(text(element, 'audio')).toBe('Audio good');
        await expect(element).toBeAccessible();
    });

    it('ignores calls about other records, its own messages, malformed and stale ones', async () => {
        const element = mount();
        send(snapshot({ relatedRecordIds: ['500000000000002AAA'], voiceCallId: null }));
        send(snapshot(), 'SWITCHBOARD_CALL_MONITOR');
        send({ callId: 'VCK-1001' });
        await flush();
        expect($(element, 'call')).toBeNull();

        send(snapshot({ sequence: 5, phase: 'onHold' }));
        send(snapshot({ sequence: 4, phase: 'connected' }));
        await flush();
        expect(text(element, 'phase')).toBe('On hold');
        // nobody talks while the call is held: the timer does not say "Talking"
        expect(text(element, 'timer')).toMatch(/^Call \d+:\d\d$/);

        // a reloaded Voice Extension starts counting again under a new publisher id
        send(snapshot({ sequence: 1, publisherId: 'pub-2', phase: 'connected' }));
        await flush();
        expect(text(element, 'phase')).toBe('Connected');
    });

    it('recognises its VoiceCall page by VendorCallKey', async () => {
        const element = mount('0LQ000000000009AAA', 'VoiceCall');
        getRecord.emit({
            id: '0LQ000000000009AAA',
            apiName: 'VoiceCall',
            fields: { VendorCallKey: { value: 'VCK-1001', displayValue: null } }
        });
        send(snapshot({ voiceCallId: null, relatedRecordIds: [] }));
        await flush();
        expect(text(element, 'who')).toBe('Ada Lovelace');
    });

    it('shows wrap-up and hides the call once wrap-up ends', async () => {
        const element = mount();
        send(snapshot({ phase: 'afterCallWork', endedAt: Date.now(), sequence: 2 }));
        await flush();
        expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Call in wrap-up');
        expect(text(element, 'timer')).toMatch(/^Talked /);
        send(snapshot({ phase: 'done', endedAt: Date.now(), sequence: 3 }));
        await flush();
        expect($(element, 'call')).toBeNull();
    });

    it('lets go of the channel when removed', () => {
        const element = mount();
        expect(subscriberCount(VOICE_CHANNEL)).toBe(1);
        document.body.removeChild(element);
        expect(subscriberCount(VOICE_CHANNEL)).toBe(0);
    });

    it('follows the Voice Extension end to end, including a page opened mid-call', async () => {
        const extension = createElement('c-voice-extension', { is: VoiceExtension });
        document.body.appendChild(extension);
        const toolkit = extension.shadowRoot.querySelector('lightning-service-cloud-voice-toolkit-api');
        for (const name of ['callstarted', 'callconnected']) {
            toolkit.dispatchEvent(new CustomEvent(name, { detail: toolkitEvent(name) }));
            await flush();
        }
        const monitor = mount(); // opened after the call started: it asks, the extension answers
        await flush();
        expect(text(monitor, 'phase')).toBe('Connected');
        toolkit.dispatchEvent(new CustomEvent('hold', { detail: toolkitEvent('hold') }));
        await flush();
        expect(text(monitor, 'phase')).toBe('On hold');
        expect(text(monitor, 'participants')).toBe('Caller +14155550100 (on hold)');
    });
});

describe('monitorView', () => {
    it('picks the newest unfinished call for the record', () => {
        const older = snapshot({ callId: 'A', startedAt: 1 });
        const newer = snapshot({ callId: 'B', startedAt: 2 });
        const finished = snapshot({ callId: 'C', startedAt: 3, phase: 'done' });
        expect(pickCall([older, newer, finished], CASE_ID, null).callId).toBe('B');
        expect(pickCall([older], '001000000000001AAA', null)).toBeNull();
    });

    it('describes a ringing call without a caller name', () => {
        const view = buildMonitorView(
            snapshot({ callerName: null, connectedAt: null, startedAt: 0, direction: 'outbound' }),
            5000
        );
        expect(view).toMatchObject({
            who: '+14155550100',
            number: '',
            timerLabel: 'Ringing 0:05',
            directionLabel: 'Outbound'
        });
        expect(
            buildMonitorView(snapshot({ callerName: null, customerNumber: null, direction: 'unknown' }), 0)
        ).toMatchObject({ who: 'Unknown caller', directionLabel: '' });
        expect(
            buildMonitorView(snapshot({ holdStartedAt: 0, totalHoldMs: 1000, startedAt: 0, connectedAt: 0 }), 4000)
                .holdLabel
        ).toBe('On hold 0:05 in total');
    });
});
