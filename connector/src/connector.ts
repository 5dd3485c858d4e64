// The Switchboard Partner Telephony connector's facade: the scv-connector-base `VendorConnector` methods and the
// request path behind them.
//
// 1. Salesforce → connector (here). Salesforce calls a method (acceptCall, hold, dial...). The connector asks the
//    gateway, updates its call store from the answer and resolves with the library's result class. The LIBRARY
//    publishes the event. These methods never publish.
// 2. Telephony → Salesforce. The gateway pushes what the telephony side did. `SoftphoneState` (softphone-state.ts,
//    pure) folds it into the store and says what Salesforce must be told; `Publisher` (publisher.ts) announces it
//    unless it is the echo of this agent's own request (`causedBy`) or an in-flight request makes the library
//    announce it.
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
import { type CallRecord, UnknownCallError } from './call-store.js';
import { type ConnectorSettings, readSettings } from './config.js';
import { ConnectorError, errorTypeFor, invalidParams } from './errors.js';
import type { InFlight, Scope } from './event-guard.js';
import { Publisher } from './publisher.js';
import * as sdk from './sdk.js';
import { redactDigits, redactText } from './redaction.js';
import { type Announcement, SoftphoneState } from './softphone-state.js';
import {
    toCapabilitiesResult,
    toContact,
    toContactsQuery,
    toDestination,
    toHoldToggleResult,
    toParticipantResult,
    toPhoneCall
} from './translate.js';

/**
 * Where the connector keeps the gateway session token between page loads (sessionStorage in the browser, with its
 * expiry: src/token-storage.ts). `get` returns nothing once the token has expired.
 */
export interface TokenStore {
    get(): string | undefined;
    set(token: string, expiresAt: number): void;
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
    /** How long a request waits for the gateway's reply (10 s by default). */
    requestTimeoutMs?: number;
    /** How long the gateway may be unreachable before the agent is told (3 s by default: a blip is not news). */
    unreachableNoticeMs?: number;
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
/** Requests whose calls the gateway reports only in the reply: lost with it, only a snapshot finds them. */
const CREATES_CALLS = new Set<CommandName>(['dial', 'addParticipant', 'supervise']);
const DTMF = /^[0-9*#]{1,64}$/;

export class SwitchboardConnector implements sdk.VendorConnector {
    readonly #host: ConnectorHost;
    readonly #clock: Clock;
    readonly #state = new SoftphoneState();
    readonly #store = this.#state.store;
    readonly #publisher: Publisher;
    /**
     * Requests awaiting their reply, by id: null until the gateway's echo of the request arrives, then the store
     * fields ('mute', 'hold:<callId>', 'rec:<callId>') that other telephony events changed after that echo.
     */
    readonly #afterEcho = new Map<string, Set<string> | null>();
    /** Dials and transfers awaiting their reply: the calls their echoes bring in are not announced yet. */
    #originating = 0;
    /** While the gateway is unreachable: the timer that tells the agent, and whether it has. */
    #unreachable: { timer: unknown; told: boolean } | undefined;
    /** Requests that timed out: the library announced no result for them, so their echoes are news. */
    readonly #orphaned = new Set<string>();
    /**
     * Requests awaiting a reply, by id, with what their echoes would have announced: left to the library's answer,
     * which never comes if the request gets no reply (timed out, lost with the connection). Then the connector
     * announces what still holds.
     */
    readonly #echoed = new Map<string, Announcement[]>();
    #settings: ConnectorSettings | undefined;
    #channel: AgentChannelClient | undefined;
    #capabilities: Capabilities | undefined;
    readonly #logLines: string[] = [];

    constructor(host: ConnectorHost) {
        this.#host = host;
        this.#clock = host.clock ?? systemClock;
        this.#publisher = new Publisher({
            state: this.#state,
            clock: this.#clock,
            strict: host.strictEvents,
            ...(host.publish ? { publish: host.publish } : {}),
            capabilities: () => this.#caps(),
            log: (level, message) => this.#log(level, message)
        });
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
        return this.#publisher.settled();
    }

    // ==== session ==================================================================================================

    async init(connectorConfig: Record<string, unknown>): Promise<sdk.InitResult> {
        return this.#run('init', { kind: 'agent' }, async () => {
            const settings = readSettings(connectorConfig);
            this.#settings = settings;
            this.#state.acwEnabled = settings.acwEnabled;
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
        await this.#publisher.publish(sdk.EVENT.LOGIN_RESULT, new sdk.GenericResult({ success: true }));
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
                // Timed out, but the store already holds the answer (its echo came, or a desk-phone answer the guard
                // left to this request): the call is connected, say so rather than leave Salesforce ringing.
                // Under supervision the desk-phone answer may even come before this request (while the library
                // disconnected the supervised call): its CALL_CONNECTED was held back, and is this request's.
                const now = this.#store.get(target.callId);
                const code = (error as ConnectorError).code;
                const answeredMeanwhile =
                    now?.state === 'connected' &&
                    (code === 'CONFLICT' || code === 'TIMEOUT') &&
                    (this.#publisher.claimConnected(req, target.callId) || target.state === 'ringing');
                if (!answeredMeanwhile) throw error;
                accepted = now;
            }
            // The library announces CALL_CONNECTED from the result: one held back for this call is not needed.
            this.#publisher.claimConnected(req, target.callId);
            this.#mustNotHaveEnded('acceptCall', [target.callId]);
            this.#store.upsert(accepted, since);
            return new sdk.CallResult({ call: this.#pc(accepted) });
        });
    }

    async declineCall(call: unknown): Promise<sdk.CallResult> {
        return this.#run('declineCall', { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(call, req);
            // The library answers every Decline with HANGUP, never PARTICIPANT_REMOVED (as it does for End Call): a
            // call of a transfer that is no longer ringing would take the conversation's other leg out of
            // Salesforce with it while that leg goes on. Salesforce offers Decline only on a ringing call, so this is
            // a race (answered meanwhile) or a stray request: refused, both sides keep agreeing; End Call ends it.
            const related = this.#store
                .list()
                .filter((c) => c.parentCallId === target.callId || c.callId === target.parentCallId);
            // A transfer in flight may be adding a leg the store does not hold yet: refused too.
            if (target.state !== 'ringing' && (related.length > 0 || this.#originating > 0))
                throw new ConnectorError(
                    'INVALID_PARTICIPANT',
                    `declineCall: call ${target.callId} is ${target.state}, not ringing, and part of a transfer${related.length ? ` with ${related.map((c) => c.callId).join(', ')}` : ' in progress'}; end it with End Call.`,
                    sdk.ERROR_TYPE.INVALID_PARTICIPANT
                );
            let declined: CallRecord;
            try {
                ({ call: declined } = await this.#request('declineCall', 'declineCall', { callId: target.callId }));
            } catch (error) {
                // The caller hung up while the request travelled: the call is gone, which is what declining wanted.
                // The connector left that HANGUP to the library: resolve, as endCall() does.
                if ((error as ConnectorError).code !== 'UNKNOWN_CALL') throw error;
                declined = target;
            }
            this.#state.remove(target.callId);
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
            for (const c of ended) this.#state.remove(c.callId);
            this.#state.endedByRequest(target.callId);
            if (target.state !== 'ringing')
                this.#publisher.afterLibraryEvent(() => this.#publisher.startAfterCallWork(target.callId));
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
            this.#mustNotHaveEnded('swap', [hold.callId, resume.callId]);
            return this.#holdResult(calls, since);
        });
    }

    async conference(calls: unknown): Promise<sdk.HoldToggleResult> {
        return this.#run('conference', { kind: 'calls', callIds: [] }, async (req) => {
            const given = Array.isArray(calls) ? calls : calls === undefined || calls === null ? [] : [calls];
            const targets = given.length ? given.map((c) => this.#resolve(c, req)) : this.#store.list();
            for (const t of targets) this.#publisher.addCall(req, t.callId);
            if (targets.length < 2)
                throw new ConnectorError('INVALID_PARTICIPANT', 'A conference needs at least two active calls.');
            const since = this.#store.removals();
            const result = await this.#request('conference', 'conference', { callIds: targets.map((t) => t.callId) });
            this.#mustNotHaveEnded(
                'conference',
                targets.map((t) => t.callId)
            );
            return this.#holdResult(result.calls, since);
        });
    }

    async dial(contact: sdk.Contact): Promise<sdk.CallResult> {
        return this.#run(
            'dial',
            { kind: 'calls', callIds: [] },
            async (req) => {
                const destination = toDestination(contact);
                const { call } = await this.#request('dial', 'dial', { destination });
                this.#publisher.addCall(req, call.callId);
                this.#state.adopt(call);
                return new sdk.CallResult({ call: this.#pc(call) });
            },
            undefined,
            true
        );
    }

    async sendDigits(digits: unknown): Promise<void> {
        if (typeof digits !== 'string' || !DTMF.test(digits))
            // The digits themselves stay out of the message: it reaches the library's log and Salesforce's.
            throw invalidParams(
                `Cannot send these digits: DTMF is 1 to 64 of 0-9, * and # (got ${typeof digits === 'string' ? `${digits.length} characters` : typeof digits}).`
            );
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
                this.#publisher.addCall(req, leg.callId);
                if (blind) {
                    // The library publishes PARTICIPANT_ADDED then HANGUP for the agent's call: the agent is out.
                    this.#state.remove(parent.callId);
                    this.#state.endedByRequest(parent.callId);
                    this.#publisher.afterLibraryEvent(() => this.#publisher.startAfterCallWork(parent.callId));
                } else {
                    this.#state.adopt(leg);
                }
                return toParticipantResult(leg, this.#caps(), this.#store.agent.isMuted);
            },
            only,
            true
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
        const callId = typeof id === 'string' && id ? id : this.#state.lastEndedCallId;
        if (!callId) {
            this.#log('ERROR', 'wrapUpCall: Salesforce named no call and no call has ended');
            return;
        }
        this.#state.wrapUpEndedBySalesforce(callId);
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
            this.#publisher.addCall(req, info.callId);
            const { call } = await this.#request('superviseCall', 'supervise', info);
            this.#publisher.addCall(req, call.callId);
            this.#state.revived(call.callId); // supervising a call again is not a late retry of the first time
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
            for (const c of calls) this.#state.remove(c.callId);
            return new sdk.SupervisorHangupResult({ calls: calls.map((c) => this.#pc(c)) });
        });
    }

    async supervisorBargeIn(supervisedCallInfo: unknown): Promise<sdk.SuperviseCallResult> {
        return this.#run('supervisorBargeIn', { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(supervisedCallInfo, req);
            const since = this.#store.removals();
            const { call } = await this.#request('supervisorBargeIn', 'bargeIn', { callId: target.callId });
            this.#mustNotHaveEnded('supervisorBargeIn', [target.callId]);
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
        // The library's buffer holds every SEND_DIGITS it handled, digits included: they leave redacted.
        const library = typeof logs === 'string' ? redactText(logs) : JSON.stringify(redactDigits(logs ?? []), null, 1);
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

    /** The agent channel's listener: events, reconnects and lost sessions all go through the publisher's queue. */
    readonly #listener: ChannelListener = {
        onEvent: (frame: EventFrame) => this.#publisher.enqueue(() => this.#onTelephonyEvent(frame)),
        onReconnected: (welcome: WelcomeFrame) => this.#publisher.enqueue(() => this.#resync(welcome)),
        onSessionLost: (error: ChannelError) =>
            this.#publisher.enqueue(() => this.#sessionEnded(error.message.slice(0, 1024), false)),
        onConnectionChanged: (up: boolean) => this.#connectionChanged(up),
        // The newest token, kept in the tab's storage, is the one a page refresh signs in with.
        onSessionToken: (token: string, expiresAt: number) => this.#host.tokens.set(token, expiresAt),
        log: (level, message) => this.#log(level, message)
    };

    async #onTelephonyEvent(frame: EventFrame): Promise<void> {
        this.#noteEcho(frame);
        if (frame.event.type === 'loggedOut')
            return this.#sessionEnded(frame.event.reason, frame.causedBy !== undefined);
        const echo = frame.causedBy !== undefined && !this.#orphaned.has(frame.causedBy);
        const announcements = this.#state.apply(frame.event, { echo, originating: this.#originating > 0 });
        for (const a of announcements) if (a.event === 'MESSAGE' && a.error) this.#log('ERROR', a.error);
        if (echo) {
            // The echo of this agent's own request: the library announces it (kept in case no answer comes).
            const echoed = this.#echoed.get(frame.causedBy!);
            if (echoed) echoed.push(...announcements);
            return;
        }
        await this.#publisher.announce(announcements);
    }

    /**
     * The gateway became unreachable, or is back. The call state is kept meanwhile; past a short blip the agent is
     * told (the library's ERROR event, and a `gatewayUnreachable` message for the Voice Extension), and when the
     * channel returns the resume or the snapshot reconciles what happened meanwhile, then `gatewayReachable` says so.
     */
    #connectionChanged(up: boolean): void {
        const down = this.#unreachable;
        if (!up) {
            if (down) return;
            const since = this.#clock.now();
            const state = { told: false, timer: undefined as unknown };
            state.timer = this.#clock.setTimeout(() => {
                state.told = true;
                const seconds = Math.round((this.#clock.now() - since) / 1000);
                this.#log('ERROR', `the telephony gateway has been unreachable for ${seconds} s; reconnecting`);
                this.#publisher.showError(
                    'The telephony gateway is unreachable: calls go on, but this softphone may be out of date until it reconnects.'
                );
                this.#publisher.enqueue(() => this.#tellPage('gatewayUnreachable', { since }));
            }, this.#host.unreachableNoticeMs ?? 3000);
            this.#unreachable = state;
            return;
        }
        if (!down) return;
        this.#unreachable = undefined;
        this.#clock.clearTimeout(down.timer);
        if (down.told) this.#publisher.enqueue(() => this.#tellPage('gatewayReachable', {}));
    }

    async #tellPage(type: string, payload: object): Promise<void> {
        await this.#publisher.announceEvent(sdk.EVENT.MESSAGE, { source: 'CONNECTOR', type, payload, version: 1 });
    }

    /** Tracks, for requests awaiting a reply, which fields the telephony side changed after their echo. */
    #noteEcho(frame: EventFrame): void {
        if (this.#afterEcho.size === 0) return;
        if (frame.causedBy !== undefined && this.#afterEcho.get(frame.causedBy) === null) {
            this.#afterEcho.set(frame.causedBy, new Set());
            return;
        }
        const e = frame.event;
        const keys =
            e.type === 'muteChanged'
                ? ['mute']
                : e.type === 'holdChanged'
                  ? [`hold:${e.callId}`]
                  : e.type === 'recordingChanged'
                    ? [`rec:${e.callId}`]
                    : 'call' in e
                      ? [`hold:${e.call.callId}`, `rec:${e.call.callId}`]
                      : [];
        for (const [id, changed] of this.#afterEcho)
            if (changed && id !== frame.causedBy) for (const k of keys) changed.add(k);
    }

    /** After a reconnect: everything that changed while the channel was down, as if the events had arrived. */
    async #resync(welcome: WelcomeFrame): Promise<void> {
        this.#capabilities = welcome.capabilities;
        for (const event of this.#state.resync(welcome.snapshot))
            await this.#publisher.announce(this.#state.apply(event));
    }

    /** The gateway ended the session (signed in elsewhere, revoked, expired): LOGOUT_RESULT and the login frame. */
    async #sessionEnded(_reason: string, echo: boolean): Promise<void> {
        if (!this.#channel) return;
        this.#endSession();
        this.#host.onLoginRequired?.({
            loginFrameHeight: this.#settings?.loginFrameHeight ?? 350,
            ssoUrl: this.#settings?.ssoUrl
        });
        if (echo) return;
        await this.#publisher.announceEvent(
            sdk.EVENT.LOGOUT_RESULT,
            new sdk.LogoutResult({ success: true, loginFrameHeight: this.#settings?.loginFrameHeight ?? 350 })
        );
    }

    /**
     * For a subclass that announces a telephony-side change of its own: the same guarded path as the connector's
     * own announcements. Never for a change Salesforce requested: the library announces those from the method's
     * result, and publishing one here while that method is in flight throws DuplicateEventError in strict mode.
     * So does publishing, however late (from a timer, a later callback), what Salesforce already shows: the value a
     * method's result announced, a start or connect Salesforce has seen, anything about a call that has ended.
     */
    protected async publishTelephonyEvent<E extends sdk.EventType>(
        event: E,
        payload: sdk.EventPayloads[E],
        callId?: string
    ): Promise<void> {
        await this.#publisher.publishOwn(event, payload, callId);
    }

    // ==== helpers ==================================================================================================

    #newChannel(settings: ConnectorSettings): AgentChannelClient {
        this.#channel?.close();
        this.#channel = new AgentChannelClient({
            url: settings.gatewayUrl,
            connect: this.#host.connect,
            listener: this.#listener,
            ...(this.#host.requestTimeoutMs ? { requestTimeoutMs: this.#host.requestTimeoutMs } : {}),
            clock: this.#clock,
            client: this.#host.client,
            ...(settings.salesforceUserId ? { salesforceUserId: settings.salesforceUserId } : {})
        });
        return this.#channel;
    }

    #signedIn(welcome: WelcomeFrame): void {
        this.#host.tokens.set(welcome.sessionToken, welcome.sessionTokenExpiresAt);
        this.#capabilities = welcome.capabilities;
        this.#state.load(welcome.snapshot);
        this.#log('INFO', `signed in to the gateway as ${welcome.agent.displayName} (${welcome.agent.agentId})`);
    }

    #endSession(): void {
        if (this.#unreachable) this.#clock.clearTimeout(this.#unreachable.timer);
        this.#unreachable = undefined;
        this.#host.tokens.clear();
        const channel = this.#channel;
        this.#channel = undefined;
        channel?.close();
        this.#state.clear();
        this.#capabilities = undefined;
    }

    /** Tracks a Salesforce request for the guard and turns every failure into a ConnectorError the library maps. */
    async #run<T>(
        method: keyof sdk.VendorConnector,
        scope: Scope,
        body: (req: InFlight) => Promise<T>,
        only?: readonly sdk.SentEvent[],
        originates = false
    ): Promise<T> {
        const req = this.#publisher.begin(method, scope, only);
        if (originates) this.#originating++;
        let failed = false;
        try {
            return await body(req);
        } catch (error) {
            failed = true;
            throw this.#toConnectorError(error, method);
        } finally {
            this.#publisher.end(req, failed);
            // What happened to the new call before the reply follows the library's CALL_STARTED/PARTICIPANT_ADDED.
            if (originates)
                this.#publisher.afterLibraryEvent(async () => {
                    if (--this.#originating === 0) await this.#publisher.announce(this.#state.releaseParked());
                });
        }
    }

    /**
     * Asks the gateway. With `newer`, it is filled with what the telephony side changed after the gateway's echo of
     * this request (so after the gateway answered it): the reply must not overwrite those in the store.
     */
    async #request<C extends CommandName>(
        method: string,
        command: C,
        params: CommandParams<C>,
        newer?: Set<string>
    ): Promise<CommandResult<C>> {
        const channel = this.#channel;
        if (!channel)
            throw new ConnectorError(
                'UNAUTHENTICATED',
                `${method}: the agent is not signed in to the telephony gateway.`
            );
        // publishEvent(CALL_CONNECTED) during a supervised call makes the library call supervisorDisconnect() and
        // wait for it, and that publish is itself a step of the event queue: waiting for the queue would deadlock it.
        const fromQueue = this.#publisher.insidePublish;
        let result: CommandResult<C> | undefined;
        let failure: ConnectorError | undefined;
        let id: string | undefined;
        try {
            result = await channel.request(command, params, (sent) => {
                id = sent;
                this.#echoed.set(sent, []);
                if (newer) this.#afterEcho.set(sent, null);
            });
        } catch (error) {
            failure = this.#toConnectorError(error, method);
            if (id !== undefined && (failure.code === 'TIMEOUT' || failure.code === 'UNAVAILABLE')) {
                this.#unanswered(channel, id, failure.code === 'TIMEOUT' || CREATES_CALLS.has(command));
                const echoed = this.#echoed.get(id);
                if (echoed?.length) this.#publisher.enqueue(() => this.#announceUnanswered(echoed));
            }
        }
        if (id !== undefined) this.#echoed.delete(id);
        // Keep channel order: the telephony events the gateway sent before this reply are still in the event queue.
        // They must reach the store before the reply does, or an older event would overwrite the newer result
        // (a hold applied after the conference that ended it). A refusal waits too: the caller may need to know
        // what the telephony side did meanwhile (the call it tried to accept was answered elsewhere).
        if (!fromQueue) await this.#publisher.settled().catch(() => undefined);
        if (id !== undefined && newer) {
            for (const key of this.#afterEcho.get(id) ?? []) newer.add(key);
            this.#afterEcho.delete(id);
        }
        if (failure) throw failure;
        return result!;
    }

    /**
     * A request got no answer (it timed out, or the connection was lost with it): Salesforce gets the library's
     * error, not its result, and the connector does not know what the telephony side did with it (a dial's call may
     * exist; a dial has no echo). Its echoes, if they come, are announced as news. After a timeout, or a lost request
     * that creates calls, the channel resumes and then reconciles from the welcome's snapshot, so a change made
     * without an event is found too, and no event that is not state (a status request) is lost with a replay
     * skipped; otherwise the resume alone replays the echoes.
     */
    #unanswered(channel: AgentChannelClient, id: string, snapshot: boolean): void {
        this.#orphaned.add(id);
        if (this.#orphaned.size > 100) this.#orphaned.delete(this.#orphaned.values().next().value!);
        if (!snapshot) return;
        this.#log('ERROR', `request ${id} got no answer; resynchronising with the gateway (replay, then snapshot)`);
        channel.resyncAfterReplay('a request got no answer');
    }

    /**
     * The echoes of a request that got no answer: the library announces nothing for it, so what they changed is
     * announced now, if it still holds (a toggle is reconciled with what Salesforce was told; a call that has moved
     * on since is not announced in its old state). Through the guard: the request is still in flight, so what it
     * covers is checked again once it has ended.
     */
    async #announceUnanswered(echoed: readonly Announcement[]): Promise<void> {
        const now: Announcement[] = [];
        for (const a of echoed) {
            const change = this.#state.changeOf(a);
            if (change) now.push(...this.#state.reconcile(change));
            else if (this.#state.stillHolds(a)) now.push(a);
        }
        await this.#publisher.announce(now);
    }

    /**
     * A reply about calls that all ended while it travelled is stale: resolving would make the library announce a
     * change (HOLD_TOGGLE, CALL_CONNECTED...) for a call Salesforce has already seen end. The method fails instead,
     * and Salesforce gets the library's error for it, never a state event for the ended call.
     */
    #mustNotHaveEnded(method: string, callIds: readonly string[]): void {
        if (callIds.length === 0 || !callIds.every((id) => this.#state.hasEnded(id))) return;
        throw new ConnectorError(
            'UNKNOWN_CALL',
            `${method}: call ${callIds.join(', ')} ended while the request travelled; Salesforce was told of its end.`,
            sdk.ERROR_TYPE.INVALID_PARTICIPANT
        );
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
        this.#publisher.addCall(req, found.callId);
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
        return this.#run(muted ? 'mute' : 'unmute', { kind: 'agent' }, async (req) => {
            this.#publisher.asks(req, { kind: 'mute', isMuted: muted });
            const newer = new Set<string>();
            const { isMuted } = await this.#request(muted ? 'mute' : 'unmute', 'setMute', { muted }, newer);
            // The answer says what the request did; a desk-phone change after it stays in the store and is
            // announced once the library has announced this answer.
            if (!newer.has('mute')) this.#store.setMuted(isMuted);
            this.#state.toldResult({ isMuted });
            return new sdk.MuteToggleResult({ isMuted });
        });
    }

    async #setHold(method: 'hold' | 'resume', call: unknown, onHold: boolean): Promise<sdk.HoldToggleResult> {
        return this.#run(method, { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(call, req);
            this.#publisher.asks(req, { kind: 'hold', callId: target.callId, isOnHold: onHold });
            const since = this.#store.removals();
            const newer = new Set<string>();
            const { calls } = await this.#request(method, 'setHold', { callId: target.callId, onHold }, newer);
            this.#mustNotHaveEnded(method, [target.callId]);
            return this.#holdResult(calls, since, newer);
        });
    }

    async #setRecording(
        method: 'pauseRecording' | 'resumeRecording',
        call: unknown,
        paused: boolean
    ): Promise<sdk.RecordingToggleResult> {
        return this.#run(method, { kind: 'calls', callIds: [] }, async (req) => {
            const target = this.#resolve(call, req);
            this.#publisher.asks(req, { kind: 'recording', callId: target.callId, isRecordingPaused: paused });
            const newer = new Set<string>();
            const { isRecordingPaused } = await this.#request(
                method,
                'setRecording',
                { callId: target.callId, paused },
                newer
            );
            this.#mustNotHaveEnded(method, [target.callId]);
            if (!newer.has(`rec:${target.callId}`)) this.#store.update(target.callId, { isRecordingPaused });
            this.#state.toldResult({ recording: { callId: target.callId, isRecordingPaused } });
            return new sdk.RecordingToggleResult({ isRecordingPaused });
        });
    }

    /**
     * Folds the gateway's view of the calls (from a reply to a request made after `since` removals) into the store
     * and reports the agent's whole conversation.
     */
    #holdResult(calls: CallRecord[], since?: number, newer?: ReadonlySet<string>): sdk.HoldToggleResult {
        const replied = new Map(calls.map((c) => [c.callId, c]));
        for (const c of calls) {
            const now = this.#store.get(c.callId);
            // A desk-phone change after the gateway answered is newer than the answer: the store keeps it.
            const keepHold = now && newer?.has(`hold:${c.callId}`);
            const keepRecording = now && newer?.has(`rec:${c.callId}`);
            this.#store.upsert(
                {
                    ...c,
                    ...(keepHold ? { isOnHold: now.isOnHold } : {}),
                    ...(keepRecording ? { isRecordingPaused: now.isRecordingPaused } : {})
                },
                since
            );
        }
        // The result says what the request did; a newer change is announced once the library has announced it.
        const shown = this.#store.list().map((c) => {
            const r = replied.get(c.callId);
            return r ? { ...c, isOnHold: r.isOnHold, isRecordingPaused: r.isRecordingPaused } : c;
        });
        this.#state.toldResult({ calls: shown });
        return toHoldToggleResult(shown, this.#caps(), this.#store.agent.isMuted);
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
