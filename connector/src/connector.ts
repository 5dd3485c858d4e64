// The Switchboard Partner Telephony connector: both directions of the scv-connector-base contract.
//
// 1. Salesforce → connector. Salesforce calls a method (acceptCall, hold, dial...). The connector asks the gateway,
//    updates its call store from the answer and resolves with the library's result class. The LIBRARY publishes the
//    event. These methods never publish.
// 2. Telephony → Salesforce. The gateway pushes what the telephony side did (a call rings, the customer hangs up, a
//    transfer target answers...). Each event goes through `#announce`, the one code path that publishes, and only
//    when (a) it is not the echo of this agent's own request (`causedBy`), (b) it changes the call store, and (c) no
//    in-flight request will make the library publish the same event for the same call. `#publish` then asserts (c)
//    again and throws in strict mode, so a method that publishes by mistake fails its tests.
import {
    type Capabilities,
    type CommandName,
    type CommandParams,
    type CommandResult,
    type Phone,
    type Credential,
    type EventFrame,
    PageMessageSchema,
    parseWith,
    type TelephonyEvent,
    type WelcomeFrame
} from '@switchboard/contracts';
import {
    AgentChannelClient,
    ChannelError,
    type ChannelListener,
    type Clock,
    type Connect,
    systemClock
} from './agent-channel-client.js';
import { type CallRecord, CallStore, UnknownCallError } from './call-store.js';
import { type ConnectorSettings, readSettings } from './config.js';
import { ConnectorError, errorTypeFor, invalidParams } from './errors.js';
import { type InFlight, InFlightRequests, type Scope } from './event-guard.js';
import * as sdk from './sdk.js';
import {
    toCapabilitiesResult,
    toContact,
    toContactsQuery,
    toDestination,
    toHoldToggleResult,
    toParticipantResult,
    toPhoneCall
} from './translate.js';

/** Where the connector keeps the gateway session token between page loads (sessionStorage in the browser). */
export interface TokenStore {
    get(): string | undefined;
    set(token: string): void;
    clear(): void;
}

export interface ConnectorHost {
    connect: Connect;
    tokens: TokenStore;
    clock?: Clock;
    /** Throw on a duplicate publish (development and tests); in production the duplicate is logged and dropped. */
    strictEvents: boolean;
    client: { name: string; version: string };
    /** Saves a text file for the agent (DOWNLOAD_VENDOR_LOGS). */
    download(filename: string, text: string): void;
    /** The login frame must be shown: the agent signs in with `login()`. */
    onLoginRequired?(options: { loginFrameHeight: number; ssoUrl: string | undefined }): void;
    /** Replaces the library's publishEvent; only for tests that run without a Salesforce handshake. */
    publish?: typeof sdk.publishEvent;
}

interface Announcement {
    event: sdk.EventType;
    payload: object;
    callId?: string;
    /** What the library will send for it, when the connector knows better than "anything publishEvent can send". */
    sentAs?: readonly sdk.SentEvent[];
}

const DEFAULT_CAPABILITIES: Capabilities = {
    mute: false,
    hold: false,
    recording: false,
    merge: false,
    swap: false,
    blindTransfer: false,
    signedRecordingUrl: false,
    phoneBook: false,
    contactSearch: false,
    agentAvailability: false,
    queueWaitTime: false,
    supervisorListenIn: false,
    supervisorBargeIn: false,
    transferToOmniFlow: false,
    deskPhone: false
};
const MAX_LOG_LINES = 2000;
const DTMF = /^[0-9*#]{1,64}$/;

export class SwitchboardConnector implements sdk.VendorConnector {
    readonly #host: ConnectorHost;
    readonly #clock: Clock;
    readonly #publishFn: typeof sdk.publishEvent;
    readonly #store = new CallStore();
    readonly #inFlight = new InFlightRequests();
    #settings: ConnectorSettings | undefined;
    #channel: AgentChannelClient | undefined;
    #capabilities: Capabilities | undefined;
    /** Calls in after-call work that this connector announced; WRAP_UP_ENDED is only ever sent for these. */
    readonly #acwCalls = new Set<string>();
    #lastEndedCallId: string | undefined;
    /** Telephony events are announced strictly in arrival order. */
    #announcements: Promise<void> = Promise.resolve();
    /** Non-zero while the library's publishEvent runs synchronously: a method it calls then is called from within the queue. */
    #insidePublish = 0;
    readonly #logLines: string[] = [];

    constructor(host: ConnectorHost) {
        this.#host = host;
        this.#clock = host.clock ?? systemClock;
        // eslint-disable-next-line no-restricted-syntax -- the single publish path starts here
        this.#publishFn = host.publish ?? sdk.publishEvent;
    }

    /** The call store, read-only, for tests and diagnostics. */
    get calls(): readonly CallRecord[] {
        return this.#store.list();
    }
    storeProblems(): string[] {
        return this.#store.problems();
    }
    /** Resolves when every telephony event received so far has been announced. */
    settled(): Promise<void> {
        return this.#announcements;
    }

    // ==== session ==================================================================================================

    async init(connectorConfig: Record<string, unknown>): Promise<sdk.InitResult> {
        return this.#run('init', { kind: 'agent' }, async () => {
            const settings = readSettings(connectorConfig);
            this.#settings = settings;
            const token = this.#host.tokens.get();
            if (token) {
                try {
                    this.#signedIn(await this.#newChannel(settings).open({ kind: 'session', token }));
                    return new sdk.InitResult({});
                } catch (error) {
                    const code = (error as ChannelError).code;
                    if (code !== 'UNAUTHENTICATED' && code !== 'FORBIDDEN') {
                        this.#log(
                            'ERROR',
                            `sign-in with the stored gateway session failed: ${(error as Error).message}`
                        );
                        throw error;
                    }
                    this.#host.tokens.clear();
                    this.#log('INFO', 'stored gateway session expired; showing the login frame');
                }
            }
            this.#host.onLoginRequired?.({ loginFrameHeight: settings.loginFrameHeight, ssoUrl: settings.ssoUrl });
            return new sdk.InitResult({ showLogin: true, loginFrameHeight: settings.loginFrameHeight });
        });
    }

    /**
     * Signs the agent in from the login frame (password, or a single sign-on code). On success the connector
     * publishes LOGIN_RESULT, which makes the library send CONNECTOR_READY: Salesforce did not call a method for it.
     */
    async login(credential: Credential): Promise<void> {
        const settings = this.#settings;
        if (!settings) throw new ConnectorError('CONFLICT', 'Salesforce has not initialised the connector yet.');
        try {
            this.#signedIn(await this.#newChannel(settings).open(credential));
        } catch (error) {
            const e = error as ChannelError;
            throw new ConnectorError(
                e.code ?? 'INTERNAL',
                e.code === 'UNAUTHENTICATED' ? 'Sign-in refused: check your user name and password.' : e.message
            );
        }
        await this.#publish(sdk.EVENT.LOGIN_RESULT, new sdk.GenericResult({ success: true }));
    }

    async logout(): Promise<sdk.LogoutResult> {
        return this.#run('logout', { kind: 'agent' }, async () => {
            try {
                if (this.#channel?.state === 'ready') await this.#channel.request('logout', {});
            } catch (error) {
                // Signing out locally still succeeds: the gateway drops the session when it sees the socket close.
                this.#log('ERROR', `gateway logout failed: ${(error as Error).message}`);
            }
            this.#endSession();
            return new sdk.LogoutResult({ success: true, loginFrameHeight: this.#settings?.loginFrameHeight ?? 350 });
        });
    }

    async getCapabilities(): Promise<sdk.CapabilitiesResult> {
        return Promise.resolve(toCapabilitiesResult(this.#capabilities));
    }

    async getAgentConfig(): Promise<sdk.AgentConfigResult> {
        const phones: sdk.PhoneType[] = this.#capabilities?.deskPhone ? ['SOFT_PHONE', 'DESK_PHONE'] : ['SOFT_PHONE'];
        const phone = this.#store.agent.phone;
        return Promise.resolve(
            new sdk.AgentConfigResult({
                phones,
                selectedPhone: new sdk.Phone({ type: phone.type, ...(phone.number ? { number: phone.number } : {}) })
            })
        );
    }

    async setAgentConfig(config: unknown): Promise<sdk.GenericResult> {
        return this.#run('setAgentConfig', { kind: 'agent' }, async () => {
            const selected = (config as { selectedPhone?: { type?: unknown; number?: unknown } } | null)?.selectedPhone;
            const type = selected?.type;
            if (type !== 'SOFT_PHONE' && type !== 'DESK_PHONE')
                throw invalidParams('Choose a soft phone or a desk phone.', sdk.ERROR_TYPE.CAN_NOT_UPDATE_PHONE_NUMBER);
            if (type === 'DESK_PHONE' && !this.#capabilities?.deskPhone)
                throw new ConnectorError('NOT_SUPPORTED', 'This contact center does not support desk phones.');
            const number = typeof selected?.number === 'string' ? selected.number.trim() : '';
            if (type === 'DESK_PHONE' && !/^\+?[0-9]{3,20}$/.test(number))
                throw invalidParams(
                    'A desk phone needs its number in international format, for example +14155550100.',
                    sdk.ERROR_TYPE.CAN_NOT_UPDATE_PHONE_NUMBER
                );
            const phone: Phone = type === 'DESK_PHONE' ? { type, number } : { type };
            await this.#request('setAgentConfig', 'setPhone', phone);
            this.#store.setAgent({ ...this.#store.agent, phone });
            return new sdk.GenericResult({ success: true });
        });
    }

    /** Omni-Channel owns presence: the new status is mirrored to the telephony side, which may route accordingly. */
    async setAgentStatus(
        agentStatus: unknown,
        statusInfo?: unknown,
        enqueueNextState?: unknown
    ): Promise<sdk.GenericResult> {
        return this.#run('setAgentStatus', { kind: 'agent' }, async () => {
            if (typeof agentStatus !== 'string' || !agentStatus)
                throw invalidParams('Salesforce sent no agent status.', sdk.ERROR_TYPE.INVALID_AGENT_STATUS);
            const info = (statusInfo ?? {}) as { statusId?: unknown; statusApiName?: unknown; statusName?: unknown };
            const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
            const statusId = str(info.statusId);
            const statusApiName = str(info.statusApiName);
            const statusName = str(info.statusName);
            await this.#request('setAgentStatus', 'setPresence', {
                agentStatus,
                enqueueNextState: enqueueNextState === true,
                ...(statusId ? { statusId } : {}),
                ...(statusApiName ? { statusApiName } : {}),
                ...(statusName ? { statusName } : {})
            });
            return new sdk.GenericResult({ success: true });
        });
    }

    async getAgentStatus(): Promise<sdk.AgentVendorStatusInfo> {
        const status = await this.#request('getAgentStatus', 'getVendorStatus', {});
        return new sdk.AgentVendorStatusInfo(status);
    }

    // ==== calls (Salesforce → telephony) ===========================================================================

    async getActiveCalls(): Promise<sdk.ActiveCallsResult> {
        return Promise.resolve(new sdk.ActiveCallsResult({ activeCalls: this.#store.list().map((c) => this.#pc(c)) }));
    }

    async acceptCall(call: unknown): Promise<sdk.CallResult> {
        return this.#run('acceptCall', { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(call, req);
            const since = this.#store.removals();
            let accepted: CallRecord;
            try {
                ({ call: accepted } = await this.#request('acceptCall', 'acceptCall', { callId: target.callId }));
            } catch (error) {
                // Answered elsewhere (the desk phone) while the request travelled: the call is connected, which is
                // what accepting it wanted. The connector left that CALL_CONNECTED to the library: resolve.
                const now = this.#store.get(target.callId);
                const answeredMeanwhile = target.state === 'ringing' && now?.state === 'connected';
                if ((error as ConnectorError).code !== 'CONFLICT' || !answeredMeanwhile) throw error;
                accepted = now;
            }
            this.#store.upsert(accepted, since);
            return new sdk.CallResult({ call: this.#pc(accepted) });
        });
    }

    async declineCall(call: unknown): Promise<sdk.CallResult> {
        return this.#run('declineCall', { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(call, req);
            let declined: CallRecord;
            try {
                ({ call: declined } = await this.#request('declineCall', 'declineCall', { callId: target.callId }));
            } catch (error) {
                // The caller hung up while the request travelled: the call is gone, which is what declining wanted.
                // The connector left that HANGUP to the library: resolve, as endCall() does.
                if ((error as ConnectorError).code !== 'UNKNOWN_CALL') throw error;
                declined = target;
            }
            this.#store.remove(target.callId);
            return new sdk.CallResult({ call: this.#pc(declined) });
        });
    }

    async endCall(call: unknown, agentStatus?: unknown): Promise<sdk.HangupResult> {
        return this.#run('endCall', { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(call, req);
            const since = this.#store.removals();
            let ended: CallRecord[];
            try {
                const result = await this.#request('endCall', 'endCall', {
                    callId: target.callId,
                    ...(typeof agentStatus === 'string' && agentStatus ? { agentStatus } : {})
                });
                ended = result.ended.length ? result.ended : [target];
                for (const c of result.remaining) this.#store.upsert(c, since);
            } catch (error) {
                // The call ended on the telephony side while the request travelled: ending it has happened.
                if ((error as ConnectorError).code !== 'UNKNOWN_CALL') throw error;
                ended = [target];
            }
            for (const c of ended) this.#store.remove(c.callId);
            this.#lastEndedCallId = target.callId;
            if (target.state !== 'ringing') this.#afterLibraryEvent(() => this.#startAfterCallWork(target.callId));
            return new sdk.HangupResult({ calls: ended.map((c) => this.#pc(c)) });
        });
    }

    async mute(): Promise<sdk.MuteToggleResult> {
        return this.#setMute(true);
    }

    async unmute(): Promise<sdk.MuteToggleResult> {
        return this.#setMute(false);
    }

    async hold(call: unknown): Promise<sdk.HoldToggleResult> {
        return this.#setHold('hold', call, true);
    }

    async resume(call: unknown): Promise<sdk.HoldToggleResult> {
        return this.#setHold('resume', call, false);
    }

    async swap(callToHold: unknown, callToResume: unknown): Promise<sdk.HoldToggleResult> {
        return this.#run('swap', { kind: 'calls', callIds: [] }, async (req) => {
            const hold = this.#resolve(callToHold, req, 'call to hold');
            const resume = this.#resolve(callToResume, req, 'call to resume');
            if (hold.callId === resume.callId)
                throw new ConnectorError('INVALID_PARTICIPANT', `Cannot swap call ${hold.callId} with itself.`);
            const since = this.#store.removals();
            const { calls } = await this.#request('swap', 'swap', {
                holdCallId: hold.callId,
                resumeCallId: resume.callId
            });
            return this.#holdResult(calls, since);
        });
    }

    async conference(calls: unknown): Promise<sdk.HoldToggleResult> {
        return this.#run('conference', { kind: 'calls', callIds: [] }, async (req) => {
            const given = Array.isArray(calls) ? calls : calls === undefined || calls === null ? [] : [calls];
            const targets = given.length ? given.map((c) => this.#resolve(c, req)) : this.#store.list();
            for (const t of targets) this.#inFlight.addCall(req, t.callId);
            if (targets.length < 2)
                throw new ConnectorError('INVALID_PARTICIPANT', 'A conference needs at least two active calls.');
            const since = this.#store.removals();
            const result = await this.#request('conference', 'conference', { callIds: targets.map((t) => t.callId) });
            return this.#holdResult(result.calls, since);
        });
    }

    async dial(contact: sdk.Contact): Promise<sdk.CallResult> {
        return this.#run('dial', { kind: 'calls', callIds: [] }, async (req) => {
            const destination = toDestination(contact);
            const { call } = await this.#request('dial', 'dial', { destination });
            this.#inFlight.addCall(req, call.callId);
            this.#store.upsert(call);
            return new sdk.CallResult({ call: this.#pc(call) });
        });
    }

    async sendDigits(digits: unknown): Promise<void> {
        if (typeof digits !== 'string' || !DTMF.test(digits))
            throw invalidParams(`Cannot send ${JSON.stringify(digits)}: digits are 0-9, * and #.`);
        const connected = this.#store.list().filter((c) => c.state !== 'ringing' && !c.isOnHold);
        await this.#request('sendDigits', 'sendDigits', {
            digits,
            ...(connected.length === 1 ? { callId: connected[0]!.callId } : {})
        });
    }

    async getPhoneContacts(filter?: unknown): Promise<sdk.PhoneContactsResult> {
        return this.#run('getPhoneContacts', { kind: 'agent' }, async () => {
            const { contacts } = await this.#request('getPhoneContacts', 'getContacts', toContactsQuery(filter));
            const types = [...new Set(contacts.map((c) => c.type))];
            return new sdk.PhoneContactsResult({ contacts: contacts.map(toContact), contactTypes: types });
        });
    }

    /** Warm (`isBlindTransfer` false: the agent stays, the new leg rings) or blind transfer (the agent leaves). */
    async addParticipant(
        contact: sdk.Contact,
        call: unknown,
        isBlindTransfer?: unknown
    ): Promise<sdk.ParticipantResult> {
        // The library sends HANGUP after PARTICIPANT_ADDED only when isBlindTransfer is truthy: a customer who hangs
        // up during a warm transfer is the connector's to announce.
        const only = isBlindTransfer ? undefined : [sdk.SENT.PARTICIPANT_ADDED];
        return this.#run(
            'addParticipant',
            { kind: 'calls', callIds: [] },
            async (req) => {
                const parent = this.#resolve(call, req);
                const destination = toDestination(contact);
                const blind = isBlindTransfer === true;
                if (blind && !this.#capabilities?.blindTransfer)
                    throw new ConnectorError(
                        'NOT_SUPPORTED',
                        'Blind transfer is not available in this contact center.'
                    );
                const { call: leg } = await this.#request('addParticipant', 'addParticipant', {
                    callId: parent.callId,
                    destination,
                    blind
                });
                this.#inFlight.addCall(req, leg.callId);
                if (blind) {
                    // The library publishes PARTICIPANT_ADDED then HANGUP for the agent's call: the agent is out.
                    this.#store.remove(parent.callId);
                    this.#lastEndedCallId = parent.callId;
                    this.#afterLibraryEvent(() => this.#startAfterCallWork(parent.callId));
                } else {
                    this.#store.upsert(leg);
                }
                return toParticipantResult(leg, this.#caps(), this.#store.agent.isMuted);
            },
            only
        );
    }

    async pauseRecording(call: unknown): Promise<sdk.RecordingToggleResult> {
        return this.#setRecording('pauseRecording', call, true);
    }

    async resumeRecording(call: unknown): Promise<sdk.RecordingToggleResult> {
        return this.#setRecording('resumeRecording', call, false);
    }

    /** Salesforce ended the wrap-up (End Wrap-Up): the telephony side is told; Salesforce needs no event for it. */
    wrapUpCall(call: unknown): void {
        const id = (call as { callId?: unknown } | null)?.callId;
        const callId = typeof id === 'string' && id ? id : this.#lastEndedCallId;
        if (!callId) {
            this.#log('ERROR', 'wrapUpCall: Salesforce named no call and no call has ended');
            return;
        }
        this.#acwCalls.delete(callId);
        void this.#run('wrapUpCall', { kind: 'calls', callIds: [callId] }, () =>
            this.#request('wrapUpCall', 'wrapUp', { callId })
        ).catch((error: Error) => this.#log('ERROR', `wrapUpCall ${callId}: ${error.message}`));
    }

    async getSignedRecordingUrl(
        recordingUrl: unknown,
        vendorCallKey: unknown,
        callId: unknown
    ): Promise<sdk.SignedRecordingUrlResult> {
        for (const [name, value] of Object.entries({ recordingUrl, vendorCallKey, callId }))
            if (typeof value !== 'string' || !value) throw invalidParams(`Salesforce sent no ${name} to sign.`);
        const signed = await this.#request('getSignedRecordingUrl', 'signRecordingUrl', {
            recordingUrl: recordingUrl as string,
            vendorCallKey: vendorCallKey as string,
            callId: callId as string
        });
        return new sdk.SignedRecordingUrlResult({
            success: true,
            url: signed.url,
            duration: signed.durationSeconds,
            callId: callId as string
        });
    }

    // ==== supervisor ===============================================================================================

    async superviseCall(supervisedCallInfo: unknown): Promise<sdk.SuperviseCallResult> {
        return this.#run('superviseCall', { kind: 'calls', callIds: [] }, async (req) => {
            const info = this.#supervisedCall(supervisedCallInfo);
            this.#inFlight.addCall(req, info.callId);
            const { call } = await this.#request('superviseCall', 'supervise', info);
            this.#inFlight.addCall(req, call.callId);
            this.#store.upsert(call);
            return new sdk.SuperviseCallResult({ call: this.#pc(call) });
        });
    }

    async supervisorDisconnect(supervisedCallInfo: unknown): Promise<sdk.SupervisorHangupResult> {
        return this.#run('supervisorDisconnect', { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(
                supervisedCallInfo ?? { callAttributes: { participantType: 'Supervisor' } },
                req
            );
            const { ended } = await this.#request('supervisorDisconnect', 'supervisorDisconnect', {
                callId: target.callId
            });
            const calls = ended.length ? ended : [target];
            for (const c of calls) this.#store.remove(c.callId);
            return new sdk.SupervisorHangupResult({ calls: calls.map((c) => this.#pc(c)) });
        });
    }

    async supervisorBargeIn(supervisedCallInfo: unknown): Promise<sdk.SuperviseCallResult> {
        return this.#run('supervisorBargeIn', { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(supervisedCallInfo, req);
            const since = this.#store.removals();
            const { call } = await this.#request('supervisorBargeIn', 'bargeIn', { callId: target.callId });
            this.#store.upsert(call, since);
            return new sdk.SuperviseCallResult({ call: this.#pc(call) });
        });
    }

    // ==== page messages, logs ======================================================================================

    /**
     * A message from the Voice Extension, relayed by the LMS bridge component that ConversationVendorInfo's
     * `bridgeComponent` names. Forwarded to the gateway; never rejects (the library does not await it).
     */
    handleMessage(message: unknown): void {
        let parsed;
        try {
            parsed = parseWith(PageMessageSchema, message);
        } catch (error) {
            this.#log(
                'ERROR',
                `handleMessage: ignored a message that is not { source, type, payload, version }: ${(error as Error).message}`
            );
            return;
        }
        if (parsed.source === 'CONNECTOR') return; // our own message, echoed back by the channel
        this.#request('handleMessage', 'pageMessage', { message: parsed }).catch((error: Error) =>
            this.#log('ERROR', `handleMessage: ${error.message}`)
        );
    }

    downloadLogs(logs: unknown): void {
        const library = typeof logs === 'string' ? logs : JSON.stringify(logs ?? [], null, 1);
        const text = `# scv-connector-base log\n${library}\n\n# Switchboard connector log\n${this.#logLines.join('\n')}\n`;
        this.#host.download(`switchboard-connector-${new Date(this.#clock.now()).toISOString()}.log`, text);
    }

    logMessageToVendor(logLevel: unknown, message: unknown, payload: unknown): void {
        if (this.#channel?.state !== 'ready') return;
        let details: CommandParams<'log'>['payload'];
        try {
            details = payload === undefined ? undefined : (JSON.parse(JSON.stringify(payload)) as typeof details);
        } catch {
            details = String(payload);
        }
        this.#channel
            .request('log', {
                level: String(logLevel).slice(0, 1024),
                message: String(message).slice(0, 8192),
                ...(details === undefined ? {} : { payload: details })
            })
            .catch(() => undefined); // logging must not log its own failures in a loop
    }

    // ==== telephony → Salesforce ===================================================================================

    /** The agent channel's listener: events, reconnects and lost sessions all end up in `#announce`. */
    readonly #listener: ChannelListener = {
        onEvent: (frame: EventFrame) => this.#enqueue(() => this.#onTelephonyEvent(frame)),
        onReconnected: (welcome: WelcomeFrame) => this.#enqueue(() => this.#resync(welcome)),
        onSessionLost: (error: ChannelError) =>
            this.#enqueue(() =>
                this.#onTelephonyEvent({
                    kind: 'event',
                    seq: 0,
                    eventId: 'session-lost',
                    event: { type: 'loggedOut', reason: error.message.slice(0, 1024) }
                })
            ),
        // The newest token, kept in the tab's storage, is the one a page refresh signs in with.
        onSessionToken: (token: string) => this.#host.tokens.set(token),
        log: (level, message) => this.#log(level, message)
    };

    #enqueue(task: () => Promise<void>): void {
        this.#announcements = this.#announcements.then(task).catch((error: unknown) => {
            if (this.#host.strictEvents) throw error;
            this.#log('ERROR', `telephony event failed: ${String(error)}`);
        });
    }

    async #onTelephonyEvent(frame: EventFrame): Promise<void> {
        const announcements = this.#apply(frame.event);
        if (frame.causedBy) return; // the echo of this agent's own request: the library announces it
        await this.#announce(announcements);
    }

    /** After a reconnect: everything that changed while the channel was down, as if the events had arrived. */
    async #resync(welcome: WelcomeFrame): Promise<void> {
        this.#capabilities = welcome.capabilities;
        const diff = this.#store.diff(welcome.snapshot);
        const events: TelephonyEvent[] = [];
        for (const call of diff.ended)
            events.push({
                type: 'callEnded',
                callId: call.callId,
                reason: 'ended while the gateway was unreachable',
                isError: false
            });
        for (const call of diff.added) {
            if (call.state === 'transferred') events.push({ type: 'participantConnected', call });
            else if (call.state === 'transferring') this.#store.upsert(call);
            else {
                events.push({ type: 'callRinging', call: { ...call, state: 'ringing' } });
                if (call.state === 'connected') events.push({ type: 'callConnected', call });
            }
        }
        for (const { previous, current } of diff.changed) {
            if (previous.state !== current.state && current.state === 'connected')
                events.push({
                    type: 'callConnected',
                    call: { ...current, isOnHold: previous.isOnHold, isRecordingPaused: previous.isRecordingPaused }
                });
            else if (previous.state !== current.state && current.state === 'transferred')
                events.push({
                    type: 'participantConnected',
                    call: { ...current, isOnHold: previous.isOnHold, isRecordingPaused: previous.isRecordingPaused }
                });
            else
                this.#store.upsert({
                    ...current,
                    isOnHold: previous.isOnHold,
                    isRecordingPaused: previous.isRecordingPaused
                });
            if (previous.isOnHold !== current.isOnHold)
                events.push({ type: 'holdChanged', callId: current.callId, isOnHold: current.isOnHold });
            if (previous.isRecordingPaused !== current.isRecordingPaused)
                events.push({
                    type: 'recordingChanged',
                    callId: current.callId,
                    isRecordingPaused: current.isRecordingPaused
                });
        }
        if (diff.muteChanged) events.push({ type: 'muteChanged', isMuted: welcome.snapshot.agent.isMuted });
        this.#store.setAgent({ ...welcome.snapshot.agent, isMuted: this.#store.agent.isMuted });
        for (const event of events) await this.#announce(this.#apply(event));
    }

    /** Folds a telephony event into the store and says what, if anything, Salesforce must be told. */
    #apply(event: TelephonyEvent): Announcement[] {
        const store = this.#store;
        switch (event.type) {
            case 'callRinging':
            case 'callbackQueued': {
                const change = store.upsert(event.call);
                if (!change || change.previous) return [];
                const type = event.type === 'callRinging' ? sdk.EVENT.CALL_STARTED : sdk.EVENT.QUEUED_CALL_STARTED;
                return [
                    {
                        event: type,
                        payload: new sdk.CallResult({ call: this.#pc(event.call) }),
                        callId: event.call.callId
                    }
                ];
            }
            case 'callConnected': {
                const previous = store.get(event.call.callId);
                if (!store.upsert(event.call) || previous?.state === 'connected') return [];
                const type =
                    event.call.participantType === 'Supervisor'
                        ? sdk.EVENT.SUPERVISOR_CALL_CONNECTED
                        : sdk.EVENT.CALL_CONNECTED;
                const payload =
                    type === sdk.EVENT.CALL_CONNECTED
                        ? new sdk.CallResult({ call: this.#pc(event.call) })
                        : new sdk.SuperviseCallResult({ call: this.#pc(event.call) });
                return [{ event: type, payload, callId: event.call.callId }];
            }
            case 'participantConnected': {
                const previous = store.get(event.call.callId);
                if (!store.upsert(event.call) || previous?.state === 'transferred') return [];
                return [
                    {
                        event: sdk.EVENT.PARTICIPANT_CONNECTED,
                        payload: toParticipantResult(event.call, this.#caps(), store.agent.isMuted),
                        callId: event.call.callId
                    }
                ];
            }
            case 'callEnded':
                return this.#callEnded(event.callId, event.reason, event.isError);
            case 'muteChanged':
                return store.setMuted(event.isMuted)
                    ? [{ event: sdk.EVENT.MUTE_TOGGLE, payload: new sdk.MuteToggleResult({ isMuted: event.isMuted }) }]
                    : [];
            case 'holdChanged':
                return store.update(event.callId, { isOnHold: event.isOnHold })
                    ? [{ event: sdk.EVENT.HOLD_TOGGLE, payload: this.#holdResult([]), callId: event.callId }]
                    : [];
            case 'recordingChanged':
                return store.update(event.callId, { isRecordingPaused: event.isRecordingPaused })
                    ? [
                          {
                              event: sdk.EVENT.RECORDING_TOGGLE,
                              payload: new sdk.RecordingToggleResult({ isRecordingPaused: event.isRecordingPaused }),
                              callId: event.callId
                          }
                      ]
                    : [];
            case 'wrapUpEnded':
                return this.#acwCalls.delete(event.callId)
                    ? [{ event: sdk.EVENT.WRAP_UP_ENDED, payload: { callId: event.callId }, callId: event.callId }]
                    : [];
            case 'presenceRequested':
                return [
                    {
                        event: sdk.EVENT.SET_AGENT_STATUS,
                        payload: new sdk.AgentStatusInfo({ statusId: event.statusId })
                    }
                ];
            case 'supervisorBargedIn': {
                const call = store.get(event.callId);
                if (!call) return [];
                return [
                    {
                        event: sdk.EVENT.CALL_BARGED_IN,
                        payload: new sdk.SupervisedCallInfo({
                            callId: event.callId,
                            isBargedIn: true,
                            ...(call.voiceCallId ? { voiceCallId: call.voiceCallId } : {}),
                            ...(event.supervisorName ? { supervisorName: event.supervisorName } : {})
                        }),
                        callId: event.callId
                    }
                ];
            }
            case 'pageMessage':
                return [{ event: sdk.EVENT.MESSAGE, payload: event.message }];
            case 'salesforceSyncFailed': {
                // Not a telephony change: nothing for Salesforce's call state. The agent's Voice Extension hears of
                // it on the page-message path, and the log keeps it.
                const { callId, operation, message } = event;
                this.#log(
                    'ERROR',
                    `the gateway could not ${operation} in Salesforce for call ${callId} (the call goes on): ${message}`
                );
                return [
                    {
                        event: sdk.EVENT.MESSAGE,
                        payload: {
                            source: 'CONNECTOR',
                            type: 'salesforceSyncFailed',
                            payload: { callId, operation, message },
                            version: 1
                        }
                    }
                ];
            }
            case 'loggedOut':
                if (!this.#channel) return [];
                this.#endSession();
                this.#host.onLoginRequired?.({
                    loginFrameHeight: this.#settings?.loginFrameHeight ?? 350,
                    ssoUrl: this.#settings?.ssoUrl
                });
                return [
                    {
                        event: sdk.EVENT.LOGOUT_RESULT,
                        payload: new sdk.LogoutResult({
                            success: true,
                            loginFrameHeight: this.#settings?.loginFrameHeight ?? 350
                        })
                    }
                ];
        }
    }

    #callEnded(callId: string, reason: string | undefined, isError: boolean): Announcement[] {
        const removed = this.#store.remove(callId);
        if (!removed) return [];
        const call = this.#pc(removed, isError ? 'error' : (reason ?? 'ended'));
        if (removed.participantType === 'Supervisor')
            return [
                {
                    event: sdk.EVENT.SUPERVISOR_HANGUP,
                    payload: new sdk.SupervisorHangupResult({ calls: [call] }),
                    callId
                }
            ];
        if (this.#store.size > 0)
            return [
                {
                    event: sdk.EVENT.PARTICIPANT_REMOVED,
                    payload: new sdk.CallResult({ call }),
                    callId,
                    sentAs: SwitchboardConnector.#DEPARTURE
                }
            ];
        this.#lastEndedCallId = callId;
        const out: Announcement[] = [
            { event: sdk.EVENT.HANGUP, payload: new sdk.HangupResult({ calls: [call] }), callId }
        ];
        // A call that never connected (missed, abandoned while ringing) has no after-call work.
        if (removed.state !== 'ringing')
            out.push({ event: sdk.EVENT.AFTER_CALL_WORK_STARTED, payload: { callId }, callId });
        return out;
    }

    /**
     * The only place that decides to publish. What an in-flight request makes the library publish is skipped, and
     * so are that call's follow-ups in the same batch (the request's own path announces them, e.g. endCall starts
     * after-call work once the library's HANGUP is out).
     */
    async #announce(announcements: Announcement[]): Promise<void> {
        const coveredCalls = new Set<string | undefined>();
        for (const a of announcements) {
            if (a.callId !== undefined && coveredCalls.has(a.callId)) continue;
            const coveredBy = this.#inFlight.covers(a.event, a.callId, a.sentAs);
            if (coveredBy) {
                this.#log('INFO', `${a.event} left to the library: ${coveredBy.method}() is in flight for it`);
                coveredCalls.add(a.callId);
                continue;
            }
            if (a.event === sdk.EVENT.AFTER_CALL_WORK_STARTED) await this.#startAfterCallWork(a.callId!);
            else await this.#publish(a.event, a.payload, a.callId, a.sentAs);
        }
    }

    /**
     * What a PARTICIPANT_REMOVED announcement is, for the guard: a departure, which an in-flight endCall(),
     * declineCall() or blind addParticipant() of the same call announces as PARTICIPANT_REMOVED or HANGUP. On the
     * wire it may even be PARTICIPANT_ADDED or PARTICIPANT_CONNECTED {initialCallHasEnded} (the initial caller
     * leaving during a transfer), but that is not the new leg a warm addParticipant() announces under that name.
     */
    static readonly #DEPARTURE: readonly sdk.SentEvent[] = [sdk.SENT.PARTICIPANT_REMOVED, sdk.SENT.HANGUP];

    /**
     * For a subclass that announces a telephony-side change of its own: the same guarded path as the connector's
     * own announcements. Never for a change Salesforce requested: the library announces those from the method's
     * result, and publishing one here while that method is in flight throws DuplicateEventError in strict mode.
     */
    protected publishTelephonyEvent<E extends sdk.EventType>(
        event: E,
        payload: sdk.EventPayloads[E],
        callId?: string
    ): Promise<void> {
        return this.#publish(event, payload, callId);
    }

    /** The one call site of the library's publishEvent. */
    async #publish<E extends sdk.EventType>(
        event: E,
        payload: sdk.EventPayloads[E],
        callId?: string,
        sentAs?: readonly sdk.SentEvent[]
    ): Promise<void> {
        const conflict = this.#inFlight.assertMayPublish(event, callId, this.#host.strictEvents, sentAs);
        if (conflict) {
            this.#log('ERROR', `dropped duplicate ${event}: ${conflict.method}() is in flight and publishes it`);
            return;
        }
        try {
            let published: Promise<void>;
            this.#insidePublish++;
            try {
                published = this.#publishFn(event, payload);
            } finally {
                this.#insidePublish--;
            }
            await published;
        } catch (error) {
            this.#log('ERROR', `publishing ${event} failed: ${String(error)}`);
        }
    }

    /** Once per call, only when the contact center uses after-call work and the agent has no call left. */
    #startAfterCallWork(callId: string): Promise<void> {
        if (!this.#settings?.acwEnabled || this.#store.size > 0 || this.#acwCalls.has(callId)) return Promise.resolve();
        this.#acwCalls.add(callId);
        return this.#publish(sdk.EVENT.AFTER_CALL_WORK_STARTED, { callId }, callId);
    }

    /**
     * Runs `task` after the library has published the event for the method now resolving: the library does so in
     * the promise continuation, so one macrotask later it is done.
     */
    #afterLibraryEvent(task: () => Promise<void>): void {
        this.#clock.setTimeout(() => this.#enqueue(task), 0);
    }

    // ==== helpers ==================================================================================================

    #newChannel(settings: ConnectorSettings): AgentChannelClient {
        this.#channel?.close();
        this.#channel = new AgentChannelClient({
            url: settings.gatewayUrl,
            connect: this.#host.connect,
            listener: this.#listener,
            clock: this.#clock,
            client: this.#host.client,
            ...(settings.salesforceUserId ? { salesforceUserId: settings.salesforceUserId } : {})
        });
        return this.#channel;
    }

    #signedIn(welcome: WelcomeFrame): void {
        this.#host.tokens.set(welcome.sessionToken);
        this.#capabilities = welcome.capabilities;
        this.#store.load(welcome.snapshot);
        this.#log('INFO', `signed in to the gateway as ${welcome.agent.displayName} (${welcome.agent.agentId})`);
    }

    #endSession(): void {
        this.#host.tokens.clear();
        const channel = this.#channel;
        this.#channel = undefined;
        channel?.close();
        this.#store.clear();
        this.#acwCalls.clear();
        this.#capabilities = undefined;
    }

    /** Tracks a Salesforce request for the guard and turns every failure into a ConnectorError the library maps. */
    async #run<T>(
        method: keyof sdk.VendorConnector,
        scope: Scope,
        body: (req: InFlight) => Promise<T>,
        only?: readonly sdk.SentEvent[]
    ): Promise<T> {
        const req = this.#inFlight.begin(method, scope, only);
        try {
            return await body(req);
        } catch (error) {
            throw this.#toConnectorError(error, method);
        } finally {
            // Released one macrotask later: the library publishes in this promise's continuation.
            this.#clock.setTimeout(() => this.#inFlight.end(req), 0);
        }
    }

    async #request<C extends CommandName>(
        method: string,
        command: C,
        params: CommandParams<C>
    ): Promise<CommandResult<C>> {
        const channel = this.#channel;
        if (!channel)
            throw new ConnectorError(
                'UNAUTHENTICATED',
                `${method}: the agent is not signed in to the telephony gateway.`
            );
        // publishEvent(CALL_CONNECTED) during a supervised call makes the library call supervisorDisconnect() and
        // wait for it, and that publish is itself a step of the event queue: waiting for the queue would deadlock it.
        const fromQueue = this.#insidePublish > 0;
        let result: CommandResult<C> | undefined;
        let failure: ConnectorError | undefined;
        try {
            result = await channel.request(command, params);
        } catch (error) {
            failure = this.#toConnectorError(error, method);
        }
        // Keep channel order: the telephony events the gateway sent before this reply are still in the event queue.
        // They must reach the store before the reply does, or an older event would overwrite the newer result
        // (a hold applied after the conference that ended it). A refusal waits too: the caller may need to know
        // what the telephony side did meanwhile (the call it tried to accept was answered elsewhere).
        if (!fromQueue) await this.#announcements.catch(() => undefined);
        if (failure) throw failure;
        return result!;
    }

    #toConnectorError(error: unknown, method: string): ConnectorError {
        if (error instanceof ConnectorError) return error;
        if (error instanceof ChannelError)
            return new ConnectorError(error.code, `${method}: ${error.message}`, errorTypeFor(error.code, method));
        if (error instanceof UnknownCallError)
            return new ConnectorError(
                'UNKNOWN_CALL',
                `${method}: ${error.message}`,
                sdk.ERROR_TYPE.INVALID_PARTICIPANT
            );
        return new ConnectorError('INTERNAL', `${method}: ${error instanceof Error ? error.message : String(error)}`);
    }

    #resolve(call: unknown, req: InFlight, what?: string): CallRecord {
        const found = this.#store.resolve(call, what);
        this.#inFlight.addCall(req, found.callId);
        return found;
    }

    #supervisedCall(info: unknown): CommandParams<'supervise'> {
        const i = (info ?? {}) as { callId?: unknown; voiceCallId?: unknown };
        if (typeof i.callId !== 'string' || !i.callId) throw invalidParams('Salesforce named no call to supervise.');
        return {
            callId: i.callId,
            ...(typeof i.voiceCallId === 'string' && i.voiceCallId ? { voiceCallId: i.voiceCallId } : {})
        };
    }

    async #setMute(muted: boolean): Promise<sdk.MuteToggleResult> {
        return this.#run(muted ? 'mute' : 'unmute', { kind: 'agent' }, async () => {
            const { isMuted } = await this.#request(muted ? 'mute' : 'unmute', 'setMute', { muted });
            this.#store.setMuted(isMuted);
            return new sdk.MuteToggleResult({ isMuted });
        });
    }

    async #setHold(method: 'hold' | 'resume', call: unknown, onHold: boolean): Promise<sdk.HoldToggleResult> {
        return this.#run(method, { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(call, req);
            const since = this.#store.removals();
            const { calls } = await this.#request(method, 'setHold', { callId: target.callId, onHold });
            return this.#holdResult(calls, since);
        });
    }

    async #setRecording(
        method: 'pauseRecording' | 'resumeRecording',
        call: unknown,
        paused: boolean
    ): Promise<sdk.RecordingToggleResult> {
        return this.#run(method, { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(call, req);
            const { isRecordingPaused } = await this.#request(method, 'setRecording', {
                callId: target.callId,
                paused
            });
            this.#store.update(target.callId, { isRecordingPaused });
            return new sdk.RecordingToggleResult({ isRecordingPaused });
        });
    }

    /**
     * Folds the gateway's view of the calls (from a reply to a request made after `since` removals) into the store
     * and reports the agent's whole conversation.
     */
    #holdResult(calls: CallRecord[], since?: number): sdk.HoldToggleResult {
        for (const c of calls) this.#store.upsert(c, since);
        return toHoldToggleResult(this.#store.list(), this.#caps(), this.#store.agent.isMuted);
    }

    #caps(): Capabilities {
        return this.#capabilities ?? DEFAULT_CAPABILITIES;
    }

    #pc(call: CallRecord, reason?: string): sdk.PhoneCall {
        return toPhoneCall(call, this.#caps(), this.#store.agent.isMuted, reason);
    }

    #log(level: 'INFO' | 'ERROR', message: string): void {
        this.#logLines.push(`${new Date(this.#clock.now()).toISOString()} ${level} ${message}`);
        if (this.#logLines.length > MAX_LOG_LINES) this.#logLines.splice(0, this.#logLines.length - MAX_LOG_LINES);
        sdk.log(message, level);
    }
}
