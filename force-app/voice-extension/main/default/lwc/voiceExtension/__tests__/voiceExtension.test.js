import { createElement } from 'lwc';
import VoiceExtension from 'c/voiceExtension';
import { toolkitMocks, resetToolkitMocks } from 'lightning/serviceCloudVoiceToolkitApi';
import { publish, resetMessageService, subscriberCount } from 'lightning/messageService';
import { navigateMock } from 'lightning/navigation';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import VOICE_CHANNEL from '@salesforce/messageChannel/ServiceCloudVoiceMessageChannel__c';
import getCallerContext from '@salesforce/apex/VoiceExtensionController.getCallerContext';
import getDispositionOptions from '@salesforce/apex/VoiceExtensionController.getDispositionOptions';
import saveWrapUp from '@salesforce/apex/VoiceExtensionController.saveWrapUp';

jest.mock('@salesforce/apex/VoiceExtensionController.getCallerContext', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/VoiceExtensionController.getDispositionOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/VoiceExtensionController.saveWrapUp', () => ({ default: jest.fn() }), { virtual: true });

const event = (name) => require(`../../callStateReducer/__tests__/data/${name}.json`);
const CALLER_CONTEXT = require('./data/getCallerContext.json');
const DISPOSITIONS = require('./data/getDispositionOptions.json');

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function mount(props = {}) {
    const element = createElement('c-voice-extension', { is: VoiceExtension });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const toolkit = (element) => $(element, 'lightning-service-cloud-voice-toolkit-api');
/** Visible text of a part of the panel, its text nodes joined with spaces as a reader would hear them. */
function text(element, id) {
    const root = $(element, `[data-id="${id}"]`);
    if (!root) return undefined;
    const parts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent);
    return parts
        .join(' ')
        .replace(/\s+/g, ' ')
        .replace(/ ([:,.])/g, '$1')
        .trim();
}
const button = (element, label) => $$(element, 'lightning-button').find((b) => b.label === label);

async function fire(element, name, detail = event(name)) {
    toolkit(element).dispatchEvent(new CustomEvent(name, { detail }));
    await flush();
}

async function fireAll(element, names) {
    for (const name of names) await fire(element, name);
}

/** Messages this component published on the Voice channel, parsed. */
const published = () =>
    publish.mock.calls.filter(([, channel]) => channel === VOICE_CHANNEL).map(([, , message]) => message);

describe('c-voice-extension', () => {
    beforeEach(() => {
        getCallerContext.mockResolvedValue(CALLER_CONTEXT);
        getDispositionOptions.mockResolvedValue(DISPOSITIONS);
        saveWrapUp.mockResolvedValue({ voiceCallId: CALLER_CONTEXT.voiceCallId, changed: true });
        sessionStorage.clear();
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        resetToolkitMocks();
        resetMessageService();
    });

    it('shows the idle panel and is accessible', async () => {
        const element = mount();
        await flush();
        expect(text(element, 'idle')).toBe('No call. Ready for the next one.');
        await expect(element).toBeAccessible();
    });

    it('subscribes to the Toolkit once, however often it renders, and lets go on disconnect', async () => {
        const element = mount();
        await fireAll(element, ['callstarted', 'callconnected', 'mute', 'unmute', 'mute']);
        expect(subscriberCount(VOICE_CHANNEL)).toBe(1);
        const muteMessages = published().filter((m) => m.payload.muted);
        expect(muteMessages).toHaveLength(2); // one per real change, never doubled by repeated listeners

        const element2Toolkit = toolkit(element);
        document.body.removeChild(element);
        expect(subscriberCount(VOICE_CHANNEL)).toBe(0);
        const before = publish.mock.calls.length;
        element2Toolkit.dispatchEvent(new CustomEvent('unmute', { detail: event('unmute') }));
        await flush();
        expect(publish.mock.calls.length).toBe(before);
    });

    it('follows every Toolkit event through the call', async () => {
        const element = mount();
        await fire(element, 'callstarted');
        expect(text(element, 'phase')).toBe('Ringing');
        expect(text(element, 'direction')).toBe('Inbound');
        expect(text(element, 'announcer')).toBe('Incoming call from +14155550100');

        await fire(element, 'callconnected');
        expect(text(element, 'phase')).toBe('Connected');
        expect(text(element, 'caller')).toBe('Ada Lovelace');
        expect(text(element, 'number')).toBe('+14155550100 · Contact');
        expect(text(element, 'records')).toContain('Case:');

        await fire(element, 'mute');
        expect(text(element, 'muted')).toBe('Muted');
        await fire(element, 'unmute');
        expect($(element, '[data-id="muted"]')).toBeNull();

        await fire(element, 'hold');
        expect(text(element, 'phase')).toBe('On hold');
        expect(text(element, 'participants')).toBe('Caller: +14155550100 On hold');
        await fire(element, 'resume');
        expect(text(element, 'phase')).toBe('Connected');

        await fire(element, 'hold');
        await fire(element, 'participantadded');
        expect(text(element, 'participants')).toContain('Third party: +14155550199 Connected');
        await expect(element).toBeAccessible(); // the busiest panel: two parties
        await fire(element, 'swap');
        expect(text(element, 'participants')).toBe('Caller: +14155550100 Connected Third party: +14155550199 On hold');
        await fire(element, 'conference');
        expect(text(element, 'participants')).not.toContain('On hold');
        await fire(element, 'participantremoved');
        expect(text(element, 'participants')).toBe('Caller: +14155550100 Connected');

        expect($(element, '[data-id="recording"]')).toBeNull();
        await fire(element, 'pauserecording');
        expect(text(element, 'recording')).toBe('Recording paused');
        await fire(element, 'resumerecording');
        expect($(element, '[data-id="recording"]')).toBeNull();

        expect(text(element, 'audio')).toBe('Audio not measured yet');
        expect($(element, '[data-id="audio"]').getAttribute('title')).toBeNull();
        await fire(element, 'audiostats');
        // a few plain words on screen; the numbers only in the title
        expect(text(element, 'audio')).toBe('Audio fair: you or the caller may hear gaps');
        expect($(element, '[data-id="audio"]').getAttribute('title')).toBe(
            'Incoming packet loss 2.0 % · Incoming jitter 45 ms'
        );

        await fire(element, 'transcript');
        expect(text(element, 'transcript')).toContain('Customer: I would like to change my delivery address.');

        await fire(element, 'flagraise');
        expect(text(element, 'flag')).toBe('Help flag raised by Ada Agent: Customer asks for a refund above my limit');
        await fire(element, 'flaglower');
        expect($(element, '[data-id="flag"]')).toBeNull();

        await fire(element, 'note');
        expect(text(element, 'notes')).toContain('Sam Supervisor: Offer the loyalty discount');

        await fire(element, 'callended');
        expect(text(element, 'phase')).toBe('After-call work');
        expect($(element, '[data-id="wrap-up"]')).not.toBeNull();
        expect(text(element, 'announcer')).toBe('Call ended. After-call work started');

        await fire(element, 'wrapupended');
        expect(text(element, 'idle')).toBe('No call. Ready for the next one.');
    });

    describe('status texts per Toolkit event sequence', () => {
        const THIRD = { ...event('hold'), participant: '+14155550199' };

        it('says Ringing, never Connected, while an inbound call rings', async () => {
            const element = mount();
            await fire(element, 'callstarted');
            expect(text(element, 'phase')).toBe('Ringing');
            expect(text(element, 'participants')).toBe('Caller: +14155550100 Ringing');
            expect(text(element, 'timer')).toMatch(/^Ringing \d:\d\d$/);
            expect(element.shadowRoot.textContent).not.toMatch(/Connected|Talking/);
            await fire(element, 'callconnected');
            expect(text(element, 'participants')).toBe('Caller: +14155550100 Connected');
        });

        it('says On hold, never Talking, while the caller is held', async () => {
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected', 'hold']);
            expect(text(element, 'phase')).toBe('On hold');
            expect(text(element, 'participants')).toBe('Caller: +14155550100 On hold');
            expect(text(element, 'timer')).toMatch(/^Call \d:\d\d$/);
            expect(element.shadowRoot.textContent).not.toMatch(/Talking|Connected/);
        });

        it('shows and announces muted in words', async () => {
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected']);
            expect($(element, '[data-id="muted"]')).toBeNull();
            await fire(element, 'mute');
            expect(text(element, 'muted')).toBe('Muted');
            expect($(element, '[data-id="muted"] lightning-icon').iconName).toBe('utility:muted');
            expect(text(element, 'announcer')).toBe('Muted');
            await expect(element).toBeAccessible();
            await fire(element, 'unmute');
            expect($(element, '[data-id="muted"]')).toBeNull();
            expect(text(element, 'announcer')).toBe('Unmuted');
        });

        it('never announces "Call resumed" while a consult leg changes', async () => {
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected', 'hold']);
            const heard = [];
            for (const [name, detail] of [
                ['participantadded', event('participantadded')],
                ['hold', THIRD],
                ['resume', THIRD],
                ['participantremoved', event('participantremoved')]
            ]) {
                await fire(element, name, detail);
                heard.push(text(element, 'announcer'));
                expect(text(element, 'participants')).toMatch(/^Caller: \+14155550100 On hold/);
            }
            expect(heard).toEqual([
                '+14155550199 joined',
                '+14155550199 on hold',
                '+14155550199 off hold',
                '+14155550199 left'
            ]);
            await fire(element, 'resume');
            expect(text(element, 'announcer')).toBe('Call resumed');
        });
    });

    it('ignores malformed events and events repeated by the platform', async () => {
        const element = mount();
        await fireAll(element, ['callstarted', 'callconnected']);
        const count = published().length;
        await fire(element, 'hold', { nothing: true });
        await fire(element, 'mute');
        await fire(element, 'mute');
        expect(published().length).toBe(count + 1);
        expect(text(element, 'phase')).toBe('Connected');
    });

    describe('no call controls: the softphone above the panel has them', () => {
        const CONTROL =
            /^(Accept|Decline|Mute|Unmute|Hold|Resume|Pause recording|Resume recording|End call|Merge|Swap|Drop|Send)/;

        it('renders no call control or keypad at any step of a three-way call, and calls no Toolkit action', async () => {
            const element = mount();
            const steps = [
                'callstarted',
                'callconnected',
                'mute',
                'hold',
                'participantadded',
                'swap',
                'conference',
                'pauserecording',
                'participantremoved',
                'callended'
            ];
            for (const name of steps) {
                await fire(element, name);
                const labels = $$(element, 'lightning-button').map((b) => b.label);
                expect(labels.filter((label) => CONTROL.test(label))).toEqual([]);
                expect($(element, 'lightning-input')).toBeNull(); // no keypad
                expect($(element, '[role="group"]')).toBeNull();
            }
            for (const action of Object.values(toolkitMocks)) expect(action).not.toHaveBeenCalled();
        });
    });

    describe('caller context', () => {
        it('looks up the caller by VendorCallKey and number, and opens a record', async () => {
            const element = mount();
            await fire(element, 'callstarted');
            expect(getCallerContext).toHaveBeenCalledWith({ vendorCallKey: 'VCK-1001', phoneNumber: '+14155550100' });
            const link = $$(element, '[data-id="records"] lightning-button').find(
                (b) => b.label === '00001026 · Delivery address'
            );
            link.click();
            expect(navigateMock).toHaveBeenCalledWith(
                { type: 'standard__recordPage', attributes: { recordId: '500000000000001AAA', actionName: 'view' } },
                undefined
            );
        });

        it('shows a phone match and retries while the VoiceCall does not exist yet', async () => {
            getCallerContext.mockResolvedValue({
                voiceCallFound: false,
                match: {
                    recordId: '003000000000002AAA',
                    objectApiName: 'Contact',
                    name: 'Grace Hopper',
                    accountId: '001000000000002AAA',
                    accountName: 'Navy',
                    candidateCount: 2
                },
                relatedRecordIds: ['003000000000002AAA', '001000000000002AAA']
            });
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected']);
            expect(text(element, 'caller')).toBe('Grace Hopper');
            expect(text(element, 'number')).toBe('+14155550100 · Contact at Navy, best of 2 matches');
            expect(getCallerContext).toHaveBeenCalledTimes(2);
        });

        it('reports a failed lookup', async () => {
            getCallerContext.mockRejectedValue({ body: { message: 'Insufficient access' } });
            const element = mount();
            await fire(element, 'callstarted');
            expect(text(element, 'error-message')).toBe(
                'The caller could not be looked up. You do not have permission to see this. Ask your admin.'
            );
            expect(text(element, 'error-details')).toBe('Details Insufficient access');
            // The error comes after the panel, so it pushes nothing the agent is reading down.
            const panel = $(element, 'section.panel');
            expect(panel.compareDocumentPosition($(element, '[data-id="error"]'))).toBe(
                Node.DOCUMENT_POSITION_FOLLOWING
            );
            expect(text(element, 'number')).toBe('+14155550100');
        });

        it('says it is looking up the caller, on the number line, until the answer comes', async () => {
            let answer;
            getCallerContext.mockReturnValue(new Promise((resolve) => (answer = resolve)));
            const element = mount();
            await fire(element, 'callstarted');
            expect(text(element, 'number')).toBe('+14155550100 · Looking up the caller…');
            answer({ voiceCallFound: true, relatedRecordIds: [] });
            await flush();
            expect(text(element, 'number')).toBe('+14155550100 · No matching contact, lead or account');
        });
    });

    describe('dispositions', () => {
        it('the disposition box says it is loading until the dispositions arrive', async () => {
            let answer;
            getDispositionOptions.mockReturnValue(new Promise((resolve) => (answer = resolve)));
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected', 'callended']);
            const combobox = () => $(element, '[data-id="wrap-up"] lightning-combobox');
            expect(combobox().placeholder).toBe('Loading dispositions…');
            answer(DISPOSITIONS);
            await flush();
            expect(combobox().placeholder).toBe('Choose a disposition');
            expect(combobox().options.length).toBe(DISPOSITIONS.length);
        });
    });

    describe('message channel', () => {
        it('publishes call state in the contract envelope', async () => {
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected']);
            const last = published().at(-1);
            expect(last).toMatchObject({ source: 'SWITCHBOARD_VOICE_EXTENSION', type: 'callState', version: 1 });
            expect(last.payload).toMatchObject({
                callId: 'VCK-1001',
                phase: 'connected',
                voiceCallId: '0LQ000000000001AAA',
                callerName: 'Ada Lovelace'
            });
            expect(last.payload.relatedRecordIds).toEqual(['003000000000001AAA', '500000000000001AAA']);
        });

        it('answers a record page asking for the current state, and ignores its own and malformed messages', async () => {
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected']);
            const before = published().length;
            publish({}, VOICE_CHANNEL, {
                source: 'SWITCHBOARD_CALL_MONITOR',
                type: 'callStateRequest',
                payload: { callId: null },
                version: 1
            });
            publish({}, VOICE_CHANNEL, {
                source: 'SWITCHBOARD_VOICE_EXTENSION',
                type: 'callStateRequest',
                payload: {},
                version: 1
            });
            publish({}, VOICE_CHANNEL, { source: 'SOMEONE', type: 'callStateRequest', version: 9 });
            await flush();
            const answers = published()
                .slice(before)
                .filter((m) => m.source === 'SWITCHBOARD_VOICE_EXTENSION' && m.type === 'callState');
            expect(answers).toHaveLength(1);
            expect(answers[0].payload.callId).toBe('VCK-1001');
        });
    });

    describe('wrap-up', () => {
        async function toWrapUp(element) {
            await fireAll(element, ['callstarted', 'callconnected', 'callended']);
            const combobox = $(element, '[data-id="wrap-up"] lightning-combobox');
            const textarea = $(element, '[data-id="wrap-up"] lightning-textarea');
            return { combobox, textarea };
        }

        it('offers the dispositions and saves disposition and notes', async () => {
            const element = mount();
            const { combobox, textarea } = await toWrapUp(element);
            expect(combobox.options).toEqual(DISPOSITIONS);
            combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Resolved' } }));
            textarea.value = 'Changed the delivery address';
            textarea.dispatchEvent(new CustomEvent('change'));
            button(element, 'Save wrap-up').click();
            await flush();
            expect(saveWrapUp).toHaveBeenCalledWith({
                vendorCallKey: 'VCK-1001',
                disposition: 'Resolved',
                notes: 'Changed the delivery address'
            });
            expect(text(element, 'wrap-up-status')).toBe('Wrap-up saved.');
            expect(sessionStorage.getItem('switchboard.wrapUpDraft.VCK-1001')).toBeNull();
            await expect(element).toBeAccessible();
        });

        describe('record pages show the saved values without a reload', () => {
            async function saveWrapUpOf(element) {
                const { combobox, textarea } = await toWrapUp(element);
                combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Resolved' } }));
                textarea.value = 'Changed the delivery address';
                textarea.dispatchEvent(new CustomEvent('change'));
                button(element, 'Save wrap-up').click();
                await flush();
            }

            it('tells Lightning Data Service that the VoiceCall and the records of the call changed', async () => {
                const element = mount();
                await saveWrapUpOf(element);
                expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(1);
                expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([
                    { recordId: '0LQ000000000001AAA' },
                    { recordId: '003000000000001AAA' },
                    { recordId: '500000000000001AAA' }
                ]);
            });

            it('tells it nothing when the save changed nothing, or failed', async () => {
                saveWrapUp.mockResolvedValueOnce({ voiceCallId: CALLER_CONTEXT.voiceCallId, changed: false });
                const element = mount();
                await saveWrapUpOf(element);
                expect(text(element, 'wrap-up-status')).toBe('Wrap-up saved.');
                expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();

                saveWrapUp.mockRejectedValueOnce({ body: { message: 'Insufficient access.' } });
                const other = mount();
                await saveWrapUpOf(other);
                expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
            });

            it('keeps the save when the refresh fails', async () => {
                notifyRecordUpdateAvailable.mockRejectedValueOnce(new Error('LDS is unavailable'));
                const element = mount();
                await saveWrapUpOf(element);
                await flush();
                expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(1);
                expect(text(element, 'wrap-up-status')).toBe('Wrap-up saved.');
            });
        });

        it('keeps the notes when saving fails, and across re-renders and panel re-creation', async () => {
            saveWrapUp.mockRejectedValue({
                body: { message: 'No call record with vendor call key VCK-1001 is visible to you yet.' }
            });
            const element = mount();
            const { combobox, textarea } = await toWrapUp(element);
            combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Callback' } }));
            textarea.value = 'Customer wants a callback';
            textarea.dispatchEvent(new CustomEvent('change'));
            await flush();
            button(element, 'Save wrap-up').click();
            await flush();
            expect(text(element, 'wrap-up-status')).toBe(
                'Wrap-up not saved. No call record with vendor call key VCK-1001 is visible to you yet. Your notes are kept.'
            );
            expect($(element, '[data-id="wrap-up-details"]')).toBeNull(); // the server's sentence is all there is
            await fire(element, 'audiostats'); // ignored after the call: nothing re-renders away the notes
            expect($(element, '[data-id="wrap-up"] lightning-textarea').value).toBe('Customer wants a callback');

            // the softphone panel is closed and opened again: the draft comes back from sessionStorage
            document.body.removeChild(element);
            const again = mount();
            await toWrapUp(again);
            expect($(again, '[data-id="wrap-up"] lightning-textarea').value).toBe('Customer wants a callback');
        });

        it('keeps a wrap-up the agent typed on screen when after-call work ends, until it is saved', async () => {
            saveWrapUp.mockResolvedValue({ voiceCallId: '0LQ000000000001AAA', changed: true });
            const element = mount();
            const { combobox, textarea } = await toWrapUp(element);
            combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Resolved' } }));
            textarea.value = 'Refund approved by supervisor';
            textarea.dispatchEvent(new CustomEvent('change'));

            await fire(element, 'wrapupended');
            expect($(element, '[data-id="idle"]')).toBeNull();
            expect(text(element, 'wrap-up-notice')).toBe(
                'After-call work has ended and this wrap-up is not saved yet. Save it so it is not lost.'
            );
            expect($(element, '[data-id="wrap-up"] lightning-textarea').value).toBe('Refund approved by supervisor');
            await expect(element).toBeAccessible();

            button(element, 'Save wrap-up').click();
            await flush();
            expect(saveWrapUp).toHaveBeenCalledWith({
                vendorCallKey: 'VCK-1001',
                disposition: 'Resolved',
                notes: 'Refund approved by supervisor'
            });
            expect(text(element, 'idle')).toBe('No call. Ready for the next one.');
            expect(text(element, 'announcer')).toBe('Wrap-up saved');
        });

        it('moves focus to the disposition once when the form appears and focus is lost, not on later renders', async () => {
            const focus = jest.spyOn(HTMLElement.prototype, 'focus');
            try {
                const element = mount();
                await fireAll(element, ['callstarted', 'callconnected']);
                expect(focus).not.toHaveBeenCalled();
                expect(document.activeElement).toBe(document.body); // the softphone's End call went away
                await fire(element, 'callended');
                const combobox = $(element, '[data-id="wrap-up"] lightning-combobox');
                expect(focus.mock.contexts).toEqual([combobox]);

                const textarea = $(element, '[data-id="wrap-up"] lightning-textarea');
                textarea.value = 'Typing';
                textarea.dispatchEvent(new CustomEvent('change'));
                combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Resolved' } }));
                await fire(element, 'transcript'); // re-renders the panel while the agent types
                await new Promise((resolve) => setTimeout(resolve, 1100)); // and the timer ticks
                expect(focus).toHaveBeenCalledTimes(1);
            } finally {
                focus.mockRestore();
            }
        });

        it('moves focus to the disposition when focus was in the panel', async () => {
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected', 'transcript']);
            $(element, '[data-id="transcript-log"]').focus(); // the agent was reading the transcript
            expect(element.shadowRoot.activeElement).toBe($(element, '[data-id="transcript-log"]'));
            const focus = jest.spyOn(HTMLElement.prototype, 'focus');
            try {
                await fire(element, 'callended');
                expect(focus.mock.contexts).toEqual([$(element, '[data-id="wrap-up"] lightning-combobox')]);
            } finally {
                focus.mockRestore();
            }
        });

        it('moves focus when it sits on a button just disabled (the softphone End call after the call ended)', async () => {
            const endCall = document.createElement('button');
            document.body.appendChild(endCall);
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected']);
            endCall.focus();
            endCall.disabled = true;
            const focus = jest.spyOn(HTMLElement.prototype, 'focus');
            try {
                await fire(element, 'callended');
                expect(focus.mock.contexts).toEqual([$(element, '[data-id="wrap-up"] lightning-combobox')]);
            } finally {
                focus.mockRestore();
            }
        });

        it('never takes focus from where the agent is typing outside the panel', async () => {
            const recordField = document.createElement('input');
            document.body.appendChild(recordField);
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected']);
            recordField.focus();
            const focus = jest.spyOn(HTMLElement.prototype, 'focus');
            try {
                await fire(element, 'callended');
                expect($(element, '[data-id="wrap-up"]')).not.toBeNull();
                await fire(element, 'transcript'); // nor on a later render, once the agent is done there
                recordField.blur();
                await new Promise((resolve) => setTimeout(resolve, 1100)); // the timer re-renders the panel
                expect(focus).not.toHaveBeenCalled();
                expect(document.activeElement).not.toBe(element);
            } finally {
                focus.mockRestore();
            }
        });

        it('keeps Save disabled, saying why, until a disposition is chosen', async () => {
            const element = mount();
            const { combobox } = await toWrapUp(element);
            const save = button(element, 'Save wrap-up');
            expect(save.disabled).toBe(true);
            expect(text(element, 'wrap-up-reason')).toBe('Choose a disposition to save.');
            // screen readers hear the reason with the button: aria-describedby names the reason's element
            const reasonId = $(element, '[data-id="wrap-up-reason"]').id;
            expect(reasonId).toBeTruthy();
            expect(save.getAttribute('aria-describedby')).toBe(reasonId);
            save.click(); // a click that reaches it anyway saves nothing
            await flush();
            expect(saveWrapUp).not.toHaveBeenCalled();

            combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Resolved' } }));
            await flush();
            expect(save.disabled).toBe(false);
            expect($(element, '[data-id="wrap-up-reason"]')).toBeNull();
            expect(save.getAttribute('aria-describedby')).toBeNull();
            await expect(element).toBeAccessible();
        });

        describe('unsaved wrap-ups of other calls', () => {
            const HEADING = /^Unsaved wrap-up: Ada Lovelace, \d\d:\d\d$/;
            const drafts = (element) => $$(element, '[data-id="unsaved-drafts"] li');

            async function typeWrapUp(element, disposition, notes) {
                const { combobox, textarea } = await toWrapUp(element);
                if (disposition) combobox.dispatchEvent(new CustomEvent('change', { detail: { value: disposition } }));
                textarea.value = notes;
                textarea.dispatchEvent(new CustomEvent('change'));
                await flush();
            }

            it("lists an ended call's unsaved wrap-up after a reload, with no Toolkit event, and saves it", async () => {
                const element = mount();
                await typeWrapUp(element, 'Callback', 'Call back on Monday');
                expect(drafts(element)).toHaveLength(0); // the form shows it: it is not listed twice
                document.body.removeChild(element);

                const again = mount(); // the reload: a new panel on the same session storage, and no events
                await flush();
                expect(text(again, 'idle')).toBe('No call. Ready for the next one.');
                expect(drafts(again)).toHaveLength(1);
                expect(text(again, 'draft-heading')).toMatch(HEADING);
                expect(text(again, 'draft-notes')).toBe('Call back on Monday');
                expect($(again, '[data-id="unsaved-drafts"] lightning-combobox').value).toBe('Callback');
                await expect(again).toBeAccessible();

                button(again, 'Save draft').click();
                await flush();
                expect(saveWrapUp).toHaveBeenCalledWith({
                    vendorCallKey: 'VCK-1001',
                    disposition: 'Callback',
                    notes: 'Call back on Monday'
                });
                expect(drafts(again)).toHaveLength(0);
                expect(text(again, 'announcer')).toBe('Wrap-up saved: Ada Lovelace');
                // the reloaded panel has no caller context yet: the VoiceCall is the record it knows changed
                expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: '0LQ000000000001AAA' }]);
                expect(sessionStorage.getItem('switchboard.wrapUpDraft.VCK-1001')).toBeNull();
            });

            it("keeps the previous call's unsaved wrap-up listed when the next call arrives", async () => {
                const element = mount();
                await typeWrapUp(element, 'Resolved', 'Refund approved');
                await fire(element, 'callstarted', { ...event('callstarted'), callId: 'VCK-1002' });
                expect(text(element, 'phase')).toBe('Ringing');
                expect($(element, '[data-id="wrap-up"]')).toBeNull();
                expect(drafts(element)).toHaveLength(1);
                expect(text(element, 'draft-heading')).toMatch(HEADING);
                await fire(element, 'transcript'); // re-renders keep it
                expect(text(element, 'draft-notes')).toBe('Refund approved');
                const stored = JSON.parse(sessionStorage.getItem('switchboard.wrapUpDraft.VCK-1001'));
                expect(stored).toMatchObject({
                    callerLabel: 'Ada Lovelace',
                    customerNumber: '+14155550100',
                    voiceCallId: '0LQ000000000001AAA'
                });
            });

            it('discards a listed wrap-up with one clearly named button', async () => {
                const element = mount();
                await typeWrapUp(element, 'Resolved', 'Not needed');
                document.body.removeChild(element);
                const again = mount();
                await flush();
                button(again, 'Discard draft').click();
                await flush();
                expect(drafts(again)).toHaveLength(0);
                expect($(again, '[data-id="unsaved-drafts"]')).toBeNull();
                expect(text(again, 'announcer')).toBe('Wrap-up discarded: Ada Lovelace');
                expect(sessionStorage.getItem('switchboard.wrapUpDraft.VCK-1001')).toBeNull();
                expect(saveWrapUp).not.toHaveBeenCalled();
            });

            it('asks for a disposition before a listed wrap-up can be saved, and says why to screen readers', async () => {
                const element = mount();
                await typeWrapUp(element, null, 'Only notes');
                document.body.removeChild(element);
                const again = mount();
                await flush();
                const save = button(again, 'Save draft');
                expect(save.disabled).toBe(true);
                expect(text(again, 'draft-reason')).toBe('Choose a disposition to save.');
                expect(save.getAttribute('aria-describedby')).toBe($(again, '[data-id="draft-reason"]').id);
                save.click();
                await flush();
                expect(saveWrapUp).not.toHaveBeenCalled();

                $(again, '[data-id="unsaved-drafts"] lightning-combobox').dispatchEvent(
                    new CustomEvent('change', { detail: { value: 'Resolved' } })
                );
                await flush();
                expect(save.disabled).toBe(false);
                expect($(again, '[data-id="draft-reason"]')).toBeNull();
                expect(JSON.parse(sessionStorage.getItem('switchboard.wrapUpDraft.VCK-1001')).disposition).toBe(
                    'Resolved'
                );
            });

            it('keeps a listed wrap-up whose save fails, and says why', async () => {
                const element = mount();
                await typeWrapUp(element, 'Resolved', 'Keep me');
                document.body.removeChild(element);
                let fail;
                saveWrapUp.mockReturnValue(
                    new Promise((resolve, reject) => {
                        fail = reject;
                    })
                );
                const again = mount();
                await flush();
                button(again, 'Save draft').click();
                await flush();
                expect(button(again, 'Saving…').disabled).toBe(true);
                button(again, 'Saving…').click(); // a second click while saving does nothing
                button(again, 'Discard draft').click(); // nor does discarding it mid-save
                fail(new TypeError('Failed to fetch'));
                await flush();
                expect(saveWrapUp).toHaveBeenCalledTimes(1);
                expect(text(again, 'draft-error')).toBe(
                    'Wrap-up not saved. No connection to Salesforce. Check your network; your notes are kept.'
                );
                expect(text(again, 'draft-details')).toContain('Failed to fetch');
                expect(drafts(again)).toHaveLength(1);
                expect(sessionStorage.getItem('switchboard.wrapUpDraft.VCK-1001')).not.toBeNull();
            });
        });

        it('lets a wrap-up the agent never touched end with after-call work', async () => {
            const element = mount();
            await toWrapUp(element);
            await fire(element, 'wrapupended');
            expect(text(element, 'idle')).toBe('No call. Ready for the next one.');
        });

        it('prefills what is already on the VoiceCall', async () => {
            getCallerContext.mockResolvedValue({
                ...CALLER_CONTEXT,
                disposition: 'Escalated',
                notes: 'Escalated to tier 2'
            });
            const element = mount();
            const { combobox, textarea } = await toWrapUp(element);
            expect(combobox.value).toBe('Escalated');
            expect(textarea.value).toBe('Escalated to tier 2');
        });

        it('reports dispositions that cannot be loaded', async () => {
            getDispositionOptions.mockRejectedValue(new Error('No access to VoiceCall'));
            const element = mount();
            await flush();
            expect(text(element, 'error-message')).toBe('Dispositions could not be loaded. No access to VoiceCall.');
        });
    });

    describe('errors a person understands', () => {
        const LOCKED = {
            status: 500,
            body: {
                message:
                    'The wrap-up was not saved: unable to obtain exclusive access to this record or 1 records: 0LQ000000000001AAA',
                exceptionType: 'System.AuraHandledException'
            }
        };
        const NO_ACCESS = { status: 500, body: { message: 'x', exceptionType: 'System.NoAccessException' } };

        it.each([
            [
                'a locked row',
                LOCKED,
                'Wrap-up not saved. Someone else is saving this call. Try again in a moment. Your notes are kept.',
                'unable to obtain exclusive access'
            ],
            [
                'no access',
                NO_ACCESS,
                'Wrap-up not saved. You do not have permission to change this call. Ask your admin. Your notes are kept.',
                'System.NoAccessException'
            ],
            [
                'no connection',
                new TypeError('Failed to fetch'),
                'Wrap-up not saved. No connection to Salesforce. Check your network; your notes are kept.',
                'TypeError: Failed to fetch'
            ]
        ])('a wrap-up save that fails with %s keeps the notes and says what to do', async (_, error, message, raw) => {
            saveWrapUp.mockRejectedValue(error);
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected', 'callended']);
            $(element, '[data-id="wrap-up"] lightning-combobox').dispatchEvent(
                new CustomEvent('change', { detail: { value: 'Resolved' } })
            );
            const textarea = $(element, '[data-id="wrap-up"] lightning-textarea');
            textarea.value = 'Address changed';
            textarea.dispatchEvent(new CustomEvent('change'));
            button(element, 'Save wrap-up').click();
            await flush();
            expect(text(element, 'wrap-up-status')).toBe(message);
            expect(text(element, 'announcer')).toBe(message);
            expect(text(element, 'wrap-up-status')).not.toContain(raw);
            expect(text(element, 'wrap-up-details')).toContain(raw);
            expect($(element, '[data-id="wrap-up"] lightning-textarea').value).toBe('Address changed');
            expect(JSON.parse(sessionStorage.getItem('switchboard.wrapUpDraft.VCK-1001')).notes).toBe(
                'Address changed'
            );
            await expect(element).toBeAccessible();

            saveWrapUp.mockResolvedValue({ voiceCallId: CALLER_CONTEXT.voiceCallId, changed: true });
            button(element, 'Save wrap-up').click(); // the retry works, and the details go with the error
            await flush();
            expect(text(element, 'wrap-up-status')).toBe('Wrap-up saved.');
            expect($(element, '[data-id="wrap-up-details"]')).toBeNull();
        });

        it('tells the agent once when the browser will not keep the notes', async () => {
            const setItem = jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
                throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            });
            try {
                const element = mount();
                await fireAll(element, ['callstarted', 'callconnected', 'callended']);
                const textarea = $(element, '[data-id="wrap-up"] lightning-textarea');
                textarea.value = 'First';
                textarea.dispatchEvent(new CustomEvent('change'));
                await flush();
                expect(text(element, 'error-message')).toBe(
                    'This browser would not store your wrap-up notes, so they are kept only while this panel stays open. Save the wrap-up before you reload.'
                );
                expect(text(element, 'error-details')).toContain('QuotaExceededError');
                $(element, '[data-id="error"] lightning-button-icon').click();
                textarea.value = 'First and second';
                textarea.dispatchEvent(new CustomEvent('change'));
                await flush();
                expect($(element, '[data-id="error"]')).toBeNull(); // once, not on every keystroke
                expect(textarea.value).toBe('First and second');
            } finally {
                setItem.mockRestore();
            }
        });
    });

    describe('transcript follows new lines', () => {
        /** Gives the transcript box a layout: jsdom has none. `lines` lines of 20 px in a 100 px box. */
        function layout(element) {
            const log = $(element, '[data-id="transcript-log"]');
            const metrics = { scrollTop: 0 };
            Object.defineProperty(log, 'scrollHeight', {
                configurable: true,
                get: () => 20 * log.querySelectorAll('li').length
            });
            Object.defineProperty(log, 'clientHeight', { configurable: true, get: () => 100 });
            Object.defineProperty(log, 'scrollTop', {
                configurable: true,
                get: () => metrics.scrollTop,
                set: (value) => {
                    metrics.scrollTop = Math.max(0, Math.min(value, log.scrollHeight - log.clientHeight));
                }
            });
            return log;
        }
        const line = (i) => ({
            ...event('transcript'),
            id: `line-${i}`,
            content: { formatType: 'Text', text: `Line ${i}` }
        });
        const atBottom = (log) => log.scrollTop === log.scrollHeight - log.clientHeight;
        const jump = (element) => $(element, '[data-id="jump-latest"]');

        it('follows, pauses while the agent reads, and jumps to the latest', async () => {
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected']);
            await fire(element, 'transcript', line(0));
            const log = layout(element);
            const listen = jest.spyOn(log, 'addEventListener');
            for (let i = 1; i < 10; i++) await fire(element, 'transcript', line(i));
            expect(atBottom(log)).toBe(true);
            expect(log.scrollTop).toBe(100);
            expect(jump(element)).toBeNull();

            log.scrollTop = 20; // the agent scrolls up to read
            log.dispatchEvent(new CustomEvent('scroll'));
            await flush();
            expect(jump(element).label).toBe('Jump to latest');
            await fire(element, 'transcript', line(10));
            await fire(element, 'transcript', line(11));
            expect(log.scrollTop).toBe(20); // left where the agent reads
            expect(jump(element).label).toBe('Jump to latest (2 new lines)');
            expect(log.getAttribute('role')).toBe('log');
            expect(log.getAttribute('aria-labelledby')).toBeTruthy(); // the region keeps its name
            await expect(element).toBeAccessible();

            const focus = jest.spyOn(log, 'focus');
            jump(element).click();
            await flush();
            expect(atBottom(log)).toBe(true);
            expect(jump(element)).toBeNull();
            expect(focus).toHaveBeenCalled(); // the button went away: focus stays in the transcript
            await fire(element, 'transcript', line(12));
            expect(atBottom(log)).toBe(true);
            expect(listen).not.toHaveBeenCalled(); // the same box: the listener was added once, before
        });

        it('follows again when the agent scrolls back to the bottom, within a few pixels', async () => {
            const element = mount();
            await fireAll(element, ['callstarted', 'callconnected']);
            await fire(element, 'transcript', line(0));
            const log = layout(element);
            for (let i = 1; i < 10; i++) await fire(element, 'transcript', line(i));
            log.scrollTop = 0;
            log.dispatchEvent(new CustomEvent('scroll'));
            await flush();
            expect(jump(element)).not.toBeNull();
            log.scrollTop = 95;
            log.dispatchEvent(new CustomEvent('scroll'));
            await flush();
            expect(jump(element)).toBeNull();
            await fire(element, 'transcript', line(10));
            expect(atBottom(log)).toBe(true);
        });

        it('listens passively and lets go when the panel goes', async () => {
            const add = jest.spyOn(HTMLElement.prototype, 'addEventListener');
            try {
                const element = mount();
                await fireAll(element, ['callstarted', 'callconnected', 'transcript']);
                const log = $(element, '[data-id="transcript-log"]');
                const scroll = add.mock.calls.filter(([name], i) => name === 'scroll' && add.mock.contexts[i] === log);
                expect(scroll).toHaveLength(1);
                expect(scroll[0][2]).toEqual({ passive: true });
                const remove = jest.spyOn(log, 'removeEventListener');
                document.body.removeChild(element);
                expect(remove).toHaveBeenCalledWith('scroll', scroll[0][1]);
            } finally {
                add.mockRestore();
            }
        });
    });

    describe('App Builder properties', () => {
        it('hides the transcript when asked', async () => {
            const element = mount({ hideTranscript: true });
            await fireAll(element, ['callstarted', 'callconnected', 'transcript']);
            expect($(element, '[data-id="transcript"]')).toBeNull();
        });

        it('keeps only the configured number of transcript lines', async () => {
            const element = mount({ transcriptLength: 10 });
            await fireAll(element, ['callstarted', 'callconnected']);
            for (let i = 0; i < 15; i++)
                await fire(element, 'transcript', {
                    ...event('transcript'),
                    id: `line-${i}`,
                    content: { formatType: 'Text', text: `Line ${i}` }
                });
            const lines = $$(element, '[data-id="transcript"] li');
            expect(lines).toHaveLength(10);
            expect(lines[0].textContent).toContain('Line 5');
        });
    });
});
