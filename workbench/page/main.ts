// The workbench page: plays Salesforce's softphone for the real connector (in the iframe), renders the real Voice
// Extension and call monitor, drives the scenarios, and shows the records the gateway created. The parts are in
// their own modules; this one wires them to the page's elements.
import type { HostMessage } from '@switchboard/connector/host';
import type { RecordsView, ScenarioName, StreamEvent, VoiceCallRecord, WorkbenchSession } from '../src/api.js';
import { IframeSalesforceHost } from './iframe-host.js';
import { mountMessageBridge, mountRecordMonitor, mountVoiceExtension } from './lwc/mount.js';
import { ProtocolLog, describeMessage } from './protocol-log.js';
import { renderFields, renderRecords } from './records-view.js';
import { setSoftphoneBus, type ToolkitListener } from './softphone-bus.js';
import { Softphone, SoftphoneError, type Outgoing, type Presence, type ToolkitEvent } from './softphone.js';

const byId = <T extends HTMLElement>(id: string): T => {
    const element = document.getElementById(id);
    if (!element) throw new Error(`the page has no #${id}`);
    return element as T;
};

async function json<T>(url: string, init?: RequestInit): Promise<T> {
    const response = await fetch(url, init);
    const body = (await response.json().catch(() => ({}))) as T & { errors?: string[]; message?: string };
    if (!response.ok) throw new Error(body.errors?.join('; ') ?? body.message ?? `${url} answered ${response.status}`);
    return body;
}

const session = await json<WorkbenchSession>('/api/session');
/** Whose softphone this tab is: ?agent=grace opens a second agent's (a supervisor's) in another tab. */
const agent =
    session.agents.find((a) => a.username === new URLSearchParams(location.search).get('agent')) ?? session.agents[0];
let records: VoiceCallRecord[] = [];
const softphone = new Softphone();
const host = new IframeSalesforceHost();
const log = new ProtocolLog(byId<HTMLOListElement>('protocol-log'), byId<HTMLInputElement>('show-echoes'));
const toolkitListeners = new Set<ToolkitListener>();
const frame = byId<HTMLIFrameElement>('connector-frame');
const notice = byId('softphone-notice');
// Page messages reach the connector as MESSAGE (handleMessage), and its MESSAGE events reach the page (§5.3).
const bridge = mountMessageBridge(byId('message-bridge'), (message) => send({ type: 'MESSAGE', message }));

// ----- the softphone and the Toolkit -----

function fire(events: readonly ToolkitEvent[]): void {
    for (const event of events) {
        log.add({
            direction: 'toolkit',
            label: event.name,
            detail: JSON.stringify(event.detail),
            echo: false,
            data: event
        });
        for (const listener of toolkitListeners) listener(event.name, event.detail);
    }
}

function send(message: Outgoing): void {
    host.send(message);
    render();
}

/** Runs a softphone control; a control that cannot apply says why in the softphone's alert line. */
function act(control: () => void): void {
    try {
        control();
    } catch (error) {
        showNotice(error instanceof SoftphoneError || error instanceof Error ? error.message : String(error), 'error');
    }
}

function showNotice(text: string, kind: 'error' | 'info'): void {
    notice.textContent = text;
    notice.classList.toggle('wb-info', kind === 'info');
}

host.observe((message: HostMessage, direction) => {
    log.add(describeMessage(message, direction));
    if (direction !== 'in') return;
    const before = softphone.state.notice;
    fire(softphone.receive(message));
    if (message.payload?.telephonyEventType === 'MESSAGE') bridge.publishMessage(message.payload.telephonyEventPayload);
    // Salesforce tells a freshly ready connector the agent is there, so it replays calls in progress (§5.4).
    if (message.type === 'CONNECTOR_READY') send({ type: 'AGENT_AVAILABLE', isAvailable: true });
    const after = softphone.state.notice;
    if (after && after !== before) showNotice(after.text, after.kind);
    render();
});

setSoftphoneBus({
    onToolkitEvent(listener) {
        toolkitListeners.add(listener);
        return () => toolkitListeners.delete(listener);
    },
    toolkitAction(action, args) {
        try {
            send(softphone.toolkit(action, args));
            return Promise.resolve();
        } catch (error) {
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
    }
});

function handshake(): void {
    log.add({
        direction: 'out',
        label: 'SETUP_CONNECTOR',
        detail: JSON.stringify(session.connectorConfig),
        echo: false
    });
    host.handshake(frame, session.connectorConfig);
}
// Every load of the connector's page needs its own handshake (the library's listener is one-shot, §7.1).
frame.addEventListener('load', handshake);
if (frame.contentDocument?.readyState === 'complete' && frame.contentWindow?.location.pathname.startsWith('/connector'))
    handshake();

// ----- controls -----

const controls: Record<string, () => void> = {
    accept: () => send(softphone.accept()),
    decline: () => send(softphone.decline()),
    mute: () => send(softphone.mute(!softphone.state.isMuted)),
    hold: () => send(softphone.hold('Initial_Caller', !(softphone.mainCall?.isOnHold ?? false))),
    recording: () => send(softphone.recording(!softphone.state.isRecordingPaused)),
    end: () => send(softphone.end()),
    dial: () => send(softphone.dial(byId<HTMLInputElement>('destination').value.trim())),
    blind: () => send(softphone.addParticipant(destination(), true)),
    warm: () => send(softphone.addParticipant(destination(), false)),
    merge: () => send(softphone.merge()),
    swap: () => send(softphone.swap()),
    drop: () => send(softphone.end('Third_Party')),
    listen: () => send(softphone.listenIn(supervisedCall())),
    barge: () => send(softphone.bargeIn()),
    leave: () => send(softphone.leaveSupervision())
};

/** The active call chosen in the supervisor's list, with the ids Salesforce's supervisor panel would send. */
function supervisedCall(): { callId: string; voiceCallId?: string } {
    const key = byId<HTMLSelectElement>('supervised-call').value;
    const record = records.find((r) => r.vendorCallKey === key && r.isActive);
    if (!record) throw new SoftphoneError('Choose an active call to supervise.');
    return { callId: record.vendorCallKey, voiceCallId: record.id };
}

function destination(): { phoneNumber: string } | { id: string; type: 'Agent' | 'Queue' } {
    const entry = byId<HTMLSelectElement>('directory').value;
    if (entry) {
        const [type, id] = entry.split(':') as ['Agent' | 'Queue', string];
        return { id, type };
    }
    const phoneNumber = byId<HTMLInputElement>('destination').value.trim();
    if (!/^\+?[0-9]{3,20}$/.test(phoneNumber))
        throw new SoftphoneError(`"${phoneNumber}" is not a phone number: use digits, optionally with a leading +.`);
    return { phoneNumber };
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-control]'))
    button.addEventListener('click', () => act(controls[button.dataset.control ?? ''] ?? (() => undefined)));

byId<HTMLSelectElement>('presence').addEventListener('change', (event) =>
    act(() => send(softphone.setPresence((event.target as HTMLSelectElement).value as Presence)))
);
byId<HTMLButtonElement>('sign-out').addEventListener('click', () => act(() => send({ type: 'LOGOUT' })));

// ----- rendering the softphone -----

const STATUS_TEXT = {
    loading: 'Connector: loading…',
    signInRequired: `Connector: sign in to telephony below (demo agent ${agent?.username ?? ''} / ${agent?.password ?? ''}).`,
    ready: 'Connector: ready.',
    failed: 'Connector: failed to start; see the protocol log.'
} as const;

function setButton(control: string, enabled: boolean, label?: string, pressed?: boolean): void {
    const button = document.querySelector<HTMLButtonElement>(`[data-control="${control}"]`);
    if (!button) return;
    button.disabled = !enabled;
    if (label) button.textContent = label;
    if (pressed !== undefined) button.setAttribute('aria-pressed', String(pressed));
}

function render(): void {
    const state = softphone.state;
    byId('connector-status').textContent = STATUS_TEXT[state.status];
    frame.classList.toggle('wb-visible', state.status === 'signInRequired');
    const ready = state.status === 'ready';
    const presence = byId<HTMLSelectElement>('presence');
    presence.disabled = !ready;
    presence.value = state.presence;
    byId<HTMLButtonElement>('sign-out').disabled = !ready;

    const main = softphone.mainCall;
    const third = softphone.thirdParty;
    const ringing = state.calls.some((c) => c.state === 'ringing');
    const live = !!main && main.state !== 'ringing';
    byId('call-summary').textContent = state.calls.length
        ? state.calls
              .map((c) => {
                  const who = c.participantType === 'Third_Party' ? 'Third party' : `${c.callType} call`;
                  return `${who} ${c.phoneNumber || c.callId}: ${c.isOnHold ? 'on hold' : c.state}`;
              })
              .join('. ')
        : 'No call.';
    setButton('accept', ringing);
    setButton('decline', ringing);
    setButton('mute', live, state.isMuted ? 'Unmute' : 'Mute', state.isMuted);
    setButton('hold', live, main?.isOnHold ? 'Resume' : 'Hold', main?.isOnHold ?? false);
    setButton(
        'recording',
        live,
        state.isRecordingPaused ? 'Resume recording' : 'Pause recording',
        state.isRecordingPaused
    );
    setButton('end', live);
    setButton('dial', ready && !state.calls.length);
    setButton('blind', live);
    setButton('warm', live && !third);
    setButton('merge', live && !!third);
    setButton('swap', live && !!third);
    setButton('drop', !!third);
    const canListen = state.capabilities.SUPERVISOR_LISTEN_IN === true;
    const canBarge = state.capabilities.SUPERVISOR_BARGE_IN === true;
    const supervising = state.supervising;
    const own = new Set(state.calls.map((c) => c.callId));
    const choices = records.filter(
        (r) => r.isActive && !own.has(r.vendorCallKey) && r.vendorCallKey !== supervising?.callId
    );
    const select = byId<HTMLSelectElement>('supervised-call');
    const chosen = select.value;
    select.replaceChildren(
        ...(choices.length ? choices : [undefined]).map((r) => {
            const option = document.createElement('option');
            option.value = r?.vendorCallKey ?? '';
            option.textContent = r
                ? `${typeof r.fields.from === 'string' ? r.fields.from : 'unknown caller'} (${r.vendorCallKey})`
                : 'No other agent has a call';
            return option;
        })
    );
    if (choices.some((r) => r.vendorCallKey === chosen)) select.value = chosen;
    setButton('listen', ready && canListen && !supervising && choices.length > 0);
    setButton('barge', ready && canBarge && !!supervising && !supervising.bargedIn);
    setButton('leave', !!supervising);
    byId('supervisor-note').textContent = !ready
        ? ''
        : !canListen && !canBarge
          ? 'The connector reports no supervisor listen-in or barge-in for this telephony platform (SUPERVISOR_LISTEN_IN and SUPERVISOR_BARGE_IN are off), so Salesforce would not offer them.'
          : supervising
            ? `${supervising.bargedIn ? 'Barged in on' : 'Listening in on'} ${supervising.phoneNumber || supervising.callId}.`
            : `Supervise another agent's call: open the workbench in a second tab as ${session.agents[1]?.username ?? 'a supervisor'} (${location.origin}/?agent=${session.agents[1]?.username ?? ''}).`;

    const wrapUp = byId('wrap-up');
    wrapUp.replaceChildren(
        ...state.wrapUp.map((callId) => {
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'slds-button slds-button_brand';
            button.textContent = `End wrap-up (${callId})`;
            button.addEventListener('click', () =>
                act(() => {
                    const { message, event } = softphone.wrapUp(callId);
                    send(message);
                    fire([event]);
                })
            );
            return button;
        })
    );
}

// ----- records, record page, navigation -----

let unmountMonitor: (() => void) | undefined;

const OBJECT_BY_PREFIX: Record<string, string> = {
    '0LQ': 'VoiceCall',
    '003': 'Contact',
    '00Q': 'Lead',
    '001': 'Account',
    '500': 'Case',
    '006': 'Opportunity'
};

function openRecord(recordId: string): void {
    const objectApiName = OBJECT_BY_PREFIX[recordId.slice(0, 3)] ?? 'Record';
    const page = byId('record-page');
    unmountMonitor?.();
    const heading = document.createElement('h3');
    heading.className = 'slds-text-heading_small';
    heading.textContent = `${objectApiName} ${recordId}`;
    const monitor = document.createElement('div');
    const voiceCall = records.find((r) => r.id === recordId);
    page.replaceChildren(heading, monitor, ...(voiceCall ? [renderFields(voiceCall)] : []));
    unmountMonitor = mountRecordMonitor(monitor, { recordId, objectApiName });
}

window.addEventListener('workbench:navigate', (event) => {
    const reference = (event as CustomEvent<{ attributes?: { recordId?: unknown } }>).detail;
    const recordId = reference?.attributes?.recordId;
    if (typeof recordId === 'string' && recordId) openRecord(recordId);
});

async function refreshRecords(): Promise<void> {
    const view = await json<RecordsView>('/api/records');
    records = view.voiceCalls;
    renderRecords(byId('records'), records, (record) => openRecord(record.id));
    render(); // the calls offered to supervise are the active VoiceCalls: a call that ended leaves the list
    window.dispatchEvent(new CustomEvent('workbench:records-changed'));
}

byId<HTMLButtonElement>('clear-records').addEventListener('click', () => {
    void json('/api/records', { method: 'DELETE' })
        .then(() => refreshRecords())
        .then(() => (byId('scenario-status').textContent = 'Records cleared.'))
        .catch((error: Error) => (byId('scenario-status').textContent = error.message));
});

// ----- scenarios -----

function scenarioRequest(name: string): [ScenarioName, Record<string, unknown>] {
    const callId = (): string => {
        const call = softphone.mainCall;
        if (!call) throw new SoftphoneError('There is no call for this scenario: start one first.');
        return call.callId;
    };
    switch (name) {
        case 'inbound-known':
            return ['inbound', { from: session.knownCallers[0]?.phoneNumber }];
        case 'inbound-unknown':
            return ['inbound', { from: session.unknownNumber }];
        case 'hangup':
            return ['hangup', { callId: callId() }];
        case 'supervisor':
            return ['supervisor', { callId: callId(), mode: 'barge', supervisorName: 'Sam Supervisor' }];
        case 'fail-create':
            // One failed send is three tries (the client's round): the gateway then tells the agent and retries later.
            return ['fail-create', { count: 3 }];
        case 'rate-limit':
            return ['rate-limit', { seconds: 20 }];
        default:
            return [name as ScenarioName, {}];
    }
}

async function runScenario(name: ScenarioName, body: Record<string, unknown>): Promise<void> {
    const status = byId('scenario-status');
    status.textContent = `Running ${name}…`;
    try {
        const result = await json<{ message: string }>(`/api/scenarios/${name}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body)
        });
        status.textContent = result.message;
    } catch (error) {
        status.textContent = `${name} failed: ${(error as Error).message}`;
    }
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-scenario]'))
    button.addEventListener('click', () =>
        act(() => {
            const [name, body] = scenarioRequest(button.dataset.scenario ?? '');
            void runScenario(name, body);
        })
    );

// Scenarios an agent carries out: the same softphone messages as the Dial and transfer controls, one click each.
const agentScenarios: Record<string, () => Outgoing> = {
    'blind-transfer': () => softphone.addParticipant({ id: 'agent-grace', type: 'Agent' }, true),
    'warm-transfer': () => softphone.addParticipant({ phoneNumber: '+14155550111' }, false),
    conference: () => softphone.merge()
};
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-agent-scenario]'))
    button.addEventListener('click', () =>
        act(() => {
            const scenario = agentScenarios[button.dataset.agentScenario ?? ''];
            if (!scenario) return;
            send(scenario());
            byId('scenario-status').textContent = `${button.textContent?.trim() ?? ''}: sent to the connector.`;
        })
    );

byId<HTMLFormElement>('say-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => {
        const call = softphone.mainCall;
        if (!call) throw new SoftphoneError('There is no call to speak on: start one first.');
        void runScenario('say', {
            callId: call.callId,
            speaker: 'customer',
            text: byId<HTMLInputElement>('say-text').value
        });
    });
});

// ----- what the workbench process says -----

function showGateway(state: string, detail?: string): void {
    const badge = byId('gateway-state');
    badge.textContent = state;
    badge.classList.toggle('wb-up', state === 'up');
    badge.classList.toggle('wb-down', state === 'down' || state === 'failed' || state === 'restarting');
    byId('gateway-detail').textContent = detail ?? '';
}

const stream = new EventSource('/api/stream');
stream.onmessage = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as StreamEvent;
    if (event.type === 'gateway') showGateway(event.state, event.detail);
    else if (event.type === 'records') void refreshRecords();
    else if (event.type === 'transcript') fire([softphone.transcript(event)]);
};
stream.onerror = () => showGateway('unknown', 'The workbench process is not answering; is `npm start` still running?');

mountVoiceExtension(byId('voice-extension'));
render();
await refreshRecords();

/** For the end-to-end tests: what crossed the port and what the Toolkit fired, as data. */
Object.assign(window, {
    switchboardWorkbench: { protocol: () => log.entries, softphone: () => softphone.state }
});
