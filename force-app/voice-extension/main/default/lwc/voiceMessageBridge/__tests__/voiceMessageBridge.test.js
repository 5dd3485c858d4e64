import { createElement } from 'lwc';
import VoiceMessageBridge from 'c/voiceMessageBridge';
import VoiceCallMonitor from 'c/voiceCallMonitor';
import VoiceExtension from 'c/voiceExtension';
import { APPLICATION_SCOPE, publish, resetMessageService, subscribe, subscriberCount } from 'lightning/messageService';
import { resetToolkitMocks } from 'lightning/serviceCloudVoiceToolkitApi';
import VOICE_CHANNEL from '@salesforce/messageChannel/ServiceCloudVoiceMessageChannel__c';
import getCallerContext from '@salesforce/apex/VoiceExtensionController.getCallerContext';
import getDispositionOptions from '@salesforce/apex/VoiceExtensionController.getDispositionOptions';

jest.mock('@salesforce/apex/VoiceExtensionController.getCallerContext', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/VoiceExtensionController.getDispositionOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/VoiceExtensionController.saveWrapUp', () => ({ default: jest.fn() }), { virtual: true });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const toolkitEvent = (name) => require(`../../callStateReducer/__tests__/data/${name}.json`);

const pageMessage = (n, extra = {}) => ({
    source: 'SWITCHBOARD_VOICE_EXTENSION',
    type: 'agentNote',
    payload: { n },
    version: 1,
    ...extra
});

function mount(callback) {
    const element = createElement('c-voice-message-bridge', { is: VoiceMessageBridge });
    if (callback !== undefined) element.handleMessage = callback;
    document.body.appendChild(element);
    return element;
}

/** Every message the channel carries, as another subscriber on the page sees it. */
function listen() {
    const heard = [];
    subscribe({}, VOICE_CHANNEL, (message) => heard.push(message), { scope: APPLICATION_SCOPE });
    return heard;
}

describe('c-voice-message-bridge', () => {
    let warn;
    let error;

    beforeEach(() => {
        warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
        error = jest.spyOn(console, 'error').mockImplementation(() => {});
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.restoreAllMocks();
        resetMessageService();
        resetToolkitMocks();
    });

    it('draws nothing, subscribes once with APPLICATION_SCOPE and lets go when removed', () => {
        const element = mount(jest.fn());
        expect(element.shadowRoot.childNodes.length).toBe(0);
        expect(subscribe).toHaveBeenCalledTimes(1);
        expect(subscribe.mock.calls[0][3]).toEqual({ scope: APPLICATION_SCOPE });
        document.body.removeChild(element);
        expect(subscriberCount(VOICE_CHANNEL)).toBe(0);
        document.body.appendChild(element); // re-inserted (e.g. the softphone re-renders): one subscription again
        expect(subscriberCount(VOICE_CHANNEL)).toBe(1);
    });

    it('is accessible: it adds nothing to the page a person or a screen reader meets', async () => {
        const element = mount(jest.fn());
        publish({}, VOICE_CHANNEL, pageMessage(1));
        await flush();
        expect(element.shadowRoot.childNodes.length).toBe(0);
        await expect(element).toBeAccessible();
    });

    it('relays page messages to the connector as whole envelopes', () => {
        const toConnector = jest.fn();
        mount(toConnector);
        publish({}, VOICE_CHANNEL, pageMessage(1));
        publish({}, VOICE_CHANNEL, pageMessage(2, { payload: undefined, source: 'ACME_WIDGET', version: 2 }));
        expect(toConnector.mock.calls).toEqual([
            [pageMessage(1)],
            [{ source: 'ACME_WIDGET', type: 'agentNote', payload: undefined, version: 2 }]
        ]);
    });

    it('drops malformed page messages and never sends the connector its own', () => {
        const toConnector = jest.fn();
        mount(toConnector);
        for (const bad of [
            null,
            'text',
            [pageMessage(1)],
            pageMessage(1, { source: '' }),
            pageMessage(1, { source: 'S'.repeat(65) }),
            pageMessage(1, { source: 42 }),
            pageMessage(1, { type: '' }),
            pageMessage(1, { type: 'T'.repeat(129) }),
            pageMessage(1, { version: 0 }),
            pageMessage(1, { version: 1.5 }),
            pageMessage(1, { version: '1' }),
            pageMessage(1, { source: 'CONNECTOR' })
        ]) {
            publish({}, VOICE_CHANNEL, bad);
        }
        expect(toConnector).not.toHaveBeenCalled();
    });

    it('publishes connector messages under the CONNECTOR source, and does not echo them back', () => {
        const toConnector = jest.fn();
        const element = mount(toConnector);
        const heard = listen();
        const delivered = element.publishMessage({
            source: 'GATEWAY',
            type: 'screenPop',
            payload: { recordId: '003000000000001AAA' },
            version: 1
        });
        expect(delivered).toBe(true);
        expect(heard).toEqual([
            { source: 'CONNECTOR', type: 'screenPop', payload: { recordId: '003000000000001AAA' }, version: 1 }
        ]);
        expect(toConnector).not.toHaveBeenCalled();
    });

    it('refuses a malformed connector message with a console warning, publishing nothing', () => {
        const element = mount(jest.fn());
        const heard = listen();
        expect(element.publishMessage({ type: 'screenPop' })).toBe(false);
        expect(element.publishMessage('screenPop')).toBe(false);
        expect(heard).toEqual([]);
        expect(warn).toHaveBeenCalledWith(expect.stringContaining('version must be a whole number'));
        expect(warn).toHaveBeenCalledWith(expect.stringContaining('not an object'));
    });

    it('keeps page messages until the softphone hands over the callback, the newest 25 of them', () => {
        const element = mount();
        for (let n = 1; n <= 30; n++) publish({}, VOICE_CHANNEL, pageMessage(n));
        element.handleMessage = 'not a function';
        expect(element.handleMessage).toBeNull();
        const toConnector = jest.fn();
        element.handleMessage = toConnector;
        expect(element.handleMessage).toBe(toConnector);
        expect(toConnector.mock.calls.map(([m]) => m.payload.n)).toEqual(Array.from({ length: 25 }, (_, i) => i + 6));
        publish({}, VOICE_CHANNEL, pageMessage(31));
        expect(toConnector).toHaveBeenCalledTimes(26);
    });

    it('goes on delivering when the connector throws on one message', () => {
        const toConnector = jest.fn((message) => {
            if (message.payload.n === 2) throw new Error('connector not ready');
        });
        mount(toConnector);
        for (let n = 1; n <= 3; n++) publish({}, VOICE_CHANNEL, pageMessage(n));
        expect(toConnector).toHaveBeenCalledTimes(3);
        expect(error).toHaveBeenCalledWith(expect.stringContaining('connector not ready'));
    });

    it('carries the Voice Extension to the connector and the connector to record pages', async () => {
        getCallerContext.mockResolvedValue({ voiceCallFound: false, relatedRecordIds: [] });
        getDispositionOptions.mockResolvedValue([]);
        const toConnector = jest.fn();
        const bridge = mount(toConnector);
        const extension = createElement('c-voice-extension', { is: VoiceExtension });
        document.body.appendChild(extension);
        const monitor = createElement('c-voice-call-monitor', { is: VoiceCallMonitor });
        monitor.recordId = '500000000000001AAA';
        monitor.objectApiName = 'Case';
        document.body.appendChild(monitor);
        const toolkit = extension.shadowRoot.querySelector('lightning-service-cloud-voice-toolkit-api');
        toolkit.dispatchEvent(new CustomEvent('callstarted', { detail: toolkitEvent('callstarted') }));
        await flush();

        const types = toConnector.mock.calls.map(([m]) => `${m.source} ${m.type}`);
        expect(types).toContain('SWITCHBOARD_CALL_MONITOR callStateRequest');
        expect(types).toContain('SWITCHBOARD_VOICE_EXTENSION callState');
        const state = toConnector.mock.calls.find(([m]) => m.type === 'callState')[0];
        expect(state.payload.phase).toBe('ringing');

        // A message the connector sends the page reaches the other components, which ignore types they do not know.
        expect(bridge.publishMessage({ type: 'gatewayNotice', payload: { text: 'hi' }, version: 1 })).toBe(true);
        await flush();
        expect(monitor.shadowRoot.querySelector('[data-id="call"]')).toBeNull();
        expect(toConnector.mock.calls.some(([m]) => m.source === 'CONNECTOR')).toBe(false);
    });
});
