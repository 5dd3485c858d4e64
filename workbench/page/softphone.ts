// What Salesforce's softphone knows and does, played for the connector (connector-sdk.md §5.3, §7): the calls as the
// connector's events described them, the messages each softphone control sends, and the Voice Toolkit events a
// Voice Extension would receive for each connector event (voice-platform.md §1.5 — that mapping is inferred from
// names; Salesforce does not document its internals). Pure: no DOM, no port; the page wires it up.
import { hangupCalls, type HostMessage } from '@switchboard/connector/host';
import type { ToolkitActionName } from './softphone-bus.js';

export interface SoftphoneCall {
    callId: string;
    /** inbound, outbound, addParticipant... as the connector reported it. */
    callType: string;
    phoneNumber: string;
    /** Initial_Caller, Third_Party, Agent or Supervisor. */
    participantType: string;
    /** ringing, connected, transferring... */
    state: string;
    isOnHold: boolean;
    /** The PhoneCall object as last received: Salesforce sends it back with method messages. */
    raw: Record<string, unknown>;
}

type ConnectorStatus = 'loading' | 'signInRequired' | 'ready' | 'failed';

export interface SoftphoneState {
    status: ConnectorStatus;
    capabilities: Record<string, boolean>;
    calls: SoftphoneCall[];
    isMuted: boolean;
    isRecordingPaused: boolean;
    /** Calls that ended and wait for the agent's wrap-up (after-call work). */
    wrapUp: string[];
    presence: string;
    /** The last error or notice the connector reported, for the softphone's alert line. */
    notice: { kind: 'error' | 'info'; text: string } | null;
    /** A supervisor's own leg on another agent's call, while listening or barged in. */
    supervising: (SoftphoneCall & { bargedIn: boolean }) | null;
}

export interface ToolkitEvent {
    name: string;
    detail: Record<string, unknown>;
}

/** A message for the connector, and what the softphone expects to hear back (for the HOLD_TOGGLE mapping). */
export type Outgoing = Record<string, unknown> & { type: string };

export class SoftphoneError extends Error {
    override readonly name = 'SoftphoneError';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Presence statuses the softphone offers, as Salesforce sends them with SET_AGENT_STATUS. */
const PRESENCE = {
    Available: {
        agentStatus: 'Online',
        statusInfo: { statusId: '0N5WB0000000001', statusApiName: 'Available', statusName: 'Available' }
    },
    Busy: {
        agentStatus: 'Online',
        statusInfo: { statusId: '0N5WB0000000002', statusApiName: 'Busy', statusName: 'Busy' }
    },
    Offline: {
        agentStatus: 'Offline',
        statusInfo: { statusId: '0N5WB0000000003', statusApiName: 'Offline', statusName: 'Offline' }
    }
} as const;
export type Presence = keyof typeof PRESENCE;

function toCall(value: unknown): SoftphoneCall | undefined {
    const raw = obj(value);
    const callId = str(raw.callId);
    if (!callId) return undefined;
    const attributes = obj(raw.callAttributes);
    const contact = obj(raw.contact);
    return {
        callId,
        callType: (str(raw.callType) ?? 'inbound').toLowerCase(),
        phoneNumber: str(raw.phoneNumber) ?? str(contact.phoneNumber) ?? '',
        participantType: str(attributes.participantType) ?? 'Initial_Caller',
        state: str(raw.state) ?? 'connected',
        isOnHold: attributes.isOnHold === true || obj(raw.callInfo).isOnHold === true,
        raw
    };
}

export class Softphone {
    #state: SoftphoneState = {
        status: 'loading',
        capabilities: {},
        calls: [],
        isMuted: false,
        isRecordingPaused: false,
        wrapUp: [],
        presence: 'Offline',
        notice: null,
        supervising: null
    };
    /** The last hold-changing request: a HOLD_TOGGLE answers CONFERENCE and SWAP_PARTICIPANTS too (§5.3). */
    #pendingHold: string[] = [];
    /** A blind transfer in flight: its PARTICIPANT_ADDED is not a party the agent stays with (§5.3). */
    #blindTransfer = false;

    get state(): SoftphoneState {
        return this.#state;
    }

    /** The main call: the one with the customer (or, once they left, any call the agent has). */
    get mainCall(): SoftphoneCall | undefined {
        return this.#state.calls.find((c) => c.participantType === 'Initial_Caller') ?? this.#state.calls[0];
    }

    get thirdParty(): SoftphoneCall | undefined {
        return this.#state.calls.find((c) => c.participantType === 'Third_Party');
    }

    #set(patch: Partial<SoftphoneState>): void {
        this.#state = { ...this.#state, ...patch };
    }

    #upsert(call: SoftphoneCall): void {
        const others = this.#state.calls.filter((c) => c.callId !== call.callId);
        this.#set({ calls: [...others, call] });
    }

    #remove(callId: string): void {
        this.#set({ calls: this.#state.calls.filter((c) => c.callId !== callId) });
    }

    /** A message from the connector: updates what the softphone knows and says which Toolkit events follow. */
    receive(message: HostMessage): ToolkitEvent[] {
        if (message.type === 'CONNECTOR_READY') {
            const payload = obj(message.payload);
            const capabilities = Object.fromEntries(
                Object.entries(obj(payload.capabilities)).filter(([, v]) => typeof v === 'boolean')
            ) as Record<string, boolean>;
            this.#set({ status: 'ready', capabilities, notice: null });
            const inProgress = toCall(payload.callInProgress);
            if (inProgress) this.#upsert(inProgress);
            return [];
        }
        if (message.type !== 'TELEPHONY_EVENT_DISPATCHED') return [];
        const type = message.payload?.telephonyEventType ?? '';
        const payload = message.payload?.telephonyEventPayload;
        return this.#event(type, payload);
    }

    #event(type: string, payload: unknown): ToolkitEvent[] {
        const p = obj(payload);
        switch (type) {
            case 'SHOW_LOGIN':
                this.#set({ status: 'signInRequired' });
                return [];
            case 'LOGIN_RESULT':
                if (p.success === false) this.#set({ notice: { kind: 'error', text: 'Sign-in failed.' } });
                return [];
            case 'LOGOUT_RESULT':
                this.#set({ status: 'signInRequired', calls: [], presence: 'Offline' });
                return [];
            case 'SET_AGENT_STATUS_RESULT':
                if (p.success === false)
                    this.#set({ notice: { kind: 'error', text: 'The presence status could not be set.' } });
                return [];
            case 'CALL_STARTED':
            case 'CALL_CONNECTED': {
                const call = toCall(payload);
                if (!call) return [];
                this.#upsert({
                    ...call,
                    state: type === 'CALL_STARTED' && call.state === 'connected' ? 'ringing' : call.state
                });
                if (call.participantType === 'Third_Party') return [];
                return [
                    {
                        name: type === 'CALL_STARTED' ? 'callstarted' : 'callconnected',
                        detail: { callId: call.callId, callType: call.callType, participant: call.phoneNumber }
                    }
                ];
            }
            case 'HANGUP': {
                const events: ToolkitEvent[] = [];
                for (const raw of hangupCalls(payload)) {
                    const ended = toCall(raw);
                    if (!ended) continue;
                    const known = this.#state.calls.find((c) => c.callId === ended.callId) ?? ended;
                    this.#remove(ended.callId);
                    if (known.participantType === 'Third_Party') {
                        const main = this.mainCall;
                        if (main)
                            events.push({
                                name: 'participantremoved',
                                detail: { callId: main.callId, participant: known.phoneNumber }
                            });
                    } else {
                        events.push({ name: 'callended', detail: { callId: known.callId } });
                    }
                }
                if (!this.#state.calls.length) this.#set({ isMuted: false, isRecordingPaused: false });
                return events;
            }
            case 'PARTICIPANT_ADDED':
            case 'PARTICIPANT_CONNECTED': {
                const legId = str(p.callId);
                const main = this.mainCall;
                const number = str(p.phoneNumber) ?? '';
                const blind = type === 'PARTICIPANT_ADDED' && this.#blindTransfer;
                if (type === 'PARTICIPANT_ADDED') this.#blindTransfer = false;
                if (legId && legId !== main?.callId && !blind) {
                    const existing = this.#state.calls.find((c) => c.callId === legId);
                    this.#upsert({
                        callId: legId,
                        callType: 'addparticipant',
                        phoneNumber: number || (existing?.phoneNumber ?? ''),
                        participantType: 'Third_Party',
                        state: type === 'PARTICIPANT_ADDED' ? 'transferring' : 'connected',
                        isOnHold: false,
                        raw: { callId: legId, callAttributes: { participantType: 'Third_Party' } }
                    });
                }
                if (type === 'PARTICIPANT_CONNECTED' || !main) return [];
                return [{ name: 'participantadded', detail: { callId: main.callId, participant: number } }];
            }
            case 'PARTICIPANT_REMOVED': {
                const leg = this.thirdParty;
                if (leg) this.#remove(leg.callId);
                const main = this.mainCall;
                return main && leg
                    ? [{ name: 'participantremoved', detail: { callId: main.callId, participant: leg.phoneNumber } }]
                    : [];
            }
            case 'MUTE_TOGGLE': {
                const isMuted = p.isMuted === true;
                this.#set({ isMuted });
                const main = this.mainCall;
                return main ? [{ name: isMuted ? 'mute' : 'unmute', detail: { callId: main.callId } }] : [];
            }
            case 'HOLD_TOGGLE':
                return this.#holdToggle(p);
            case 'RECORDING_TOGGLE': {
                const paused = p.isRecordingPaused === true;
                this.#set({ isRecordingPaused: paused });
                const main = this.mainCall;
                return main
                    ? [{ name: paused ? 'pauserecording' : 'resumerecording', detail: { callId: main.callId } }]
                    : [];
            }
            case 'AFTER_CALL_WORK_STARTED': {
                const callId = str(p.callId);
                if (callId && !this.#state.wrapUp.includes(callId))
                    this.#set({ wrapUp: [...this.#state.wrapUp, callId] });
                return [];
            }
            case 'SUPERVISOR_CALL_STARTED':
            case 'SUPERVISOR_CALL_CONNECTED': {
                const call = toCall(payload);
                if (call) this.#set({ supervising: { ...call, participantType: 'Supervisor', bargedIn: false } });
                return [];
            }
            case 'SUPERVISOR_BARGED_IN': {
                const supervising = this.#state.supervising;
                if (supervising) this.#set({ supervising: { ...supervising, bargedIn: true } });
                return [];
            }
            case 'SUPERVISOR_HANGUP':
                this.#set({ supervising: null });
                return [];
            case 'CALL_BARGED_IN': {
                // The agent's side of a barge-in: Salesforce tells the agent; the Toolkit has no event for it.
                const who = str(p.supervisorName) ?? 'A supervisor';
                this.#set({ notice: { kind: 'info', text: `${who} joined the call (barge-in).` } });
                return [];
            }
            case 'ERROR': {
                this.#blindTransfer = false;
                const text = str(p.message) ?? str(obj(p.customError).labelName) ?? 'The connector reported an error.';
                this.#pendingHold = [];
                this.#set({ notice: { kind: 'error', text: describeError(text) } });
                return [];
            }
            case 'MESSAGE': {
                // The gateway could not tell Salesforce something about a call; it keeps trying (gateway README).
                const message = obj(p.payload);
                if (p.type === 'salesforceSyncFailed')
                    this.#set({
                        notice: {
                            kind: 'error',
                            text: `Salesforce has not recorded this call yet (${str(message.operation) ?? 'update'}): ${str(message.message) ?? 'no reason given'}. The gateway keeps trying; the call goes on.`
                        }
                    });
                return [];
            }
            case 'INFO':
                this.#set({ notice: { kind: 'info', text: describeError(str(p.message) ?? 'Notice') } });
                return [];
            default:
                return [];
        }
    }

    #holdToggle(p: Record<string, unknown>): ToolkitEvent[] {
        const main = this.mainCall;
        const leg = this.thirdParty;
        const customerHeld = p.isCustomerOnHold === true;
        const thirdHeld = p.isThirdPartyOnHold === true;
        const wasCustomerHeld = main?.isOnHold ?? false;
        const wasThirdHeld = leg?.isOnHold ?? false;
        if (main) this.#upsert({ ...main, isOnHold: customerHeld });
        if (leg) this.#upsert({ ...leg, isOnHold: thirdHeld });
        if (!main) return [];
        const request = this.#pendingHold.shift();
        if (request === 'CONFERENCE') return [{ name: 'conference', detail: { callId: main.callId } }];
        if (request === 'SWAP_PARTICIPANTS') return [{ name: 'swap', detail: { callId: main.callId } }];
        const events: ToolkitEvent[] = [];
        if (customerHeld !== wasCustomerHeld)
            events.push({
                name: customerHeld ? 'hold' : 'resume',
                detail: { callId: main.callId, participant: main.phoneNumber }
            });
        if (leg && thirdHeld !== wasThirdHeld)
            events.push({
                name: thirdHeld ? 'hold' : 'resume',
                detail: { callId: main.callId, participant: leg.phoneNumber }
            });
        return events;
    }

    /** A transcript line Salesforce stored: the Toolkit's `transcript` conversation event. */
    transcript(line: {
        vendorCallKey: string;
        messageId: string;
        speaker: string;
        text: string;
        at: number;
    }): ToolkitEvent {
        // The role Salesforce gives customer utterances is not documented (voice-platform.md §1.3): unconfirmed.
        const roles: Record<string, string> = {
            agent: 'Agent',
            supervisor: 'Supervisor',
            virtual_agent: 'VirtualAgent'
        };
        const role = roles[line.speaker] ?? 'EndUser';
        const callId = this.#state.calls.some((c) => c.callId === line.vendorCallKey)
            ? line.vendorCallKey
            : (this.mainCall?.callId ?? line.vendorCallKey);
        return {
            name: 'transcript',
            detail: {
                id: line.messageId,
                callId,
                content: { formatType: 'Text', text: line.text },
                sender: { role },
                clientSentTimestamp: line.at,
                serverReceivedTimestamp: line.at
            }
        };
    }

    // ----- what the softphone's controls send -----

    #call(participantType?: string): SoftphoneCall {
        const call = participantType
            ? this.#state.calls.find((c) => c.participantType === participantType)
            : this.mainCall;
        if (!call)
            throw new SoftphoneError(
                participantType === 'Third_Party' ? 'There is no third party on the call.' : 'There is no call.'
            );
        return call;
    }

    accept(): Outgoing {
        const ringing = this.#state.calls.find((c) => c.state === 'ringing');
        if (!ringing) throw new SoftphoneError('No call is ringing.');
        return { type: 'ACCEPT_CALL', call: ringing.raw };
    }

    decline(): Outgoing {
        const ringing = this.#state.calls.find((c) => c.state === 'ringing');
        if (!ringing) throw new SoftphoneError('No call is ringing.');
        return { type: 'DECLINE_CALL', call: ringing.raw };
    }

    end(participantType?: string): Outgoing {
        return { type: 'END_CALL', call: this.#call(participantType).raw };
    }

    mute(muted: boolean): Outgoing {
        this.#call();
        return { type: muted ? 'MUTE' : 'UNMUTE' };
    }

    hold(participantType: string, onHold: boolean): Outgoing {
        return { type: onHold ? 'HOLD' : 'RESUME', call: this.#call(participantType).raw };
    }

    merge(): Outgoing {
        if (this.#state.calls.length < 2) throw new SoftphoneError('A conference needs a third party on the call.');
        this.#pendingHold.push('CONFERENCE');
        return { type: 'CONFERENCE', calls: this.#state.calls.map((c) => c.raw) };
    }

    swap(): Outgoing {
        const main = this.#call();
        const leg = this.#call('Third_Party');
        this.#pendingHold.push('SWAP_PARTICIPANTS');
        const [toHold, toResume] = main.isOnHold ? [leg, main] : [main, leg];
        return { type: 'SWAP_PARTICIPANTS', callToHold: toHold.raw, callToResume: toResume.raw };
    }

    recording(paused: boolean): Outgoing {
        return { type: paused ? 'PAUSE_RECORDING' : 'RESUME_RECORDING', call: this.#call().raw };
    }

    /** Transfer (blind) or add a participant (warm): a number, or an agent or queue from the directory. */
    addParticipant(
        destination: { phoneNumber: string } | { id: string; type: 'Agent' | 'Queue' },
        blind: boolean
    ): Outgoing {
        const contact =
            'phoneNumber' in destination
                ? { phoneNumber: destination.phoneNumber, type: 'PhoneNumber' }
                : { id: destination.id, type: destination.type };
        const call = this.#call().raw;
        this.#blindTransfer = blind;
        return { type: 'ADD_PARTICIPANT', contact, call, isBlindTransfer: blind };
    }

    sendDigits(digits: string): Outgoing {
        this.#call();
        return { type: 'SEND_DIGITS', digits };
    }

    dial(phoneNumber: string): Outgoing {
        if (!/^\+?[0-9*#]{3,20}$/.test(phoneNumber))
            throw new SoftphoneError(
                `"${phoneNumber}" is not a phone number: use digits, optionally with a leading +.`
            );
        return { type: 'DIAL', contact: { phoneNumber, type: 'PhoneNumber' } };
    }

    setPresence(presence: Presence): Outgoing {
        this.#set({ presence });
        return { type: 'SET_AGENT_STATUS', ...PRESENCE[presence], enqueueNextState: false };
    }

    /** End Wrap-Up: Salesforce tells the connector, and the Toolkit fires `wrapupended`. */
    wrapUp(callId: string): { message: Outgoing; event: ToolkitEvent } {
        if (!this.#state.wrapUp.includes(callId)) throw new SoftphoneError(`Call ${callId} is not in wrap-up.`);
        this.#set({ wrapUp: this.#state.wrapUp.filter((id) => id !== callId) });
        return {
            message: { type: 'WRAP_UP_CALL', call: { callId } },
            event: { name: 'wrapupended', detail: { callId } }
        };
    }

    /** A supervisor listens in on another agent's call (Salesforce's supervisor panel sends the call's ids). */
    listenIn(target: { callId: string; voiceCallId?: string }): Outgoing {
        if (this.#state.supervising) throw new SoftphoneError('You are already supervising a call: leave it first.');
        return {
            type: 'SUPERVISE_CALL',
            call: { ...target, callType: 'inbound', callAttributes: { participantType: 'Supervisor' } }
        };
    }

    bargeIn(): Outgoing {
        const supervising = this.#state.supervising;
        if (!supervising) throw new SoftphoneError('Listen in on a call before barging in.');
        return { type: 'SUPERVISOR_BARGE_IN', call: supervising.raw };
    }

    leaveSupervision(): Outgoing {
        const supervising = this.#state.supervising;
        if (!supervising) throw new SoftphoneError('You are not supervising a call.');
        return { type: 'SUPERVISOR_DISCONNECT', call: supervising.raw };
    }

    /** A Voice Toolkit action (the Voice Extension's buttons) as the message Salesforce sends the connector. */
    toolkit(action: ToolkitActionName, args: readonly unknown[]): Outgoing {
        const participant = (i: number): string | undefined => str(args[i]);
        switch (action) {
            case 'acceptCall':
                return this.accept();
            case 'declineCall':
                return this.decline();
            case 'endCall':
                return this.end(participant(0) === 'Agent' ? undefined : participant(0));
            case 'mute':
                return this.mute(true);
            case 'unmute':
                return this.mute(false);
            case 'hold':
                return this.hold(participant(0) ?? 'Initial_Caller', true);
            case 'resume':
                return this.hold(participant(0) ?? 'Initial_Caller', false);
            case 'merge':
                return this.merge();
            case 'swap':
                return this.swap();
            case 'pauseRecording':
                return this.recording(true);
            case 'resumeRecording':
                return this.recording(false);
            case 'addParticipant': {
                const [contactType, value, blind] = args;
                if (typeof value !== 'string' || !value)
                    throw new SoftphoneError('addParticipant needs a number or an Id.');
                return this.addParticipant(
                    contactType === 'PhoneNumber' ? { phoneNumber: value } : { id: value, type: 'Queue' },
                    blind === true
                );
            }
            case 'sendDigits': {
                const digits = args[0];
                if (typeof digits !== 'string' || !/^[0-9*#A-D,]+$/.test(digits))
                    throw new SoftphoneError('Digits are 0-9, *, #, A-D and commas.');
                return this.sendDigits(digits);
            }
        }
    }
}

/** The library's error codes read as sentences for the softphone's alert line. */
function describeError(code: string): string {
    const known: Record<string, string> = {
        CAN_NOT_ACCEPT_THE_CALL: 'The call could not be accepted.',
        CAN_NOT_DECLINE_THE_CALL: 'The call could not be declined.',
        CAN_NOT_END_THE_CALL: 'The call could not be ended.',
        CAN_NOT_HOLD_CALL: 'The call could not be put on hold.',
        CAN_NOT_RESUME_CALL: 'The call could not be resumed.',
        CAN_NOT_SET_AGENT_STATUS: 'The presence status could not be set.',
        CAN_NOT_START_THE_CALL: 'The call could not be started.',
        CAN_NOT_ADD_PARTICIPANT: 'The participant could not be added.',
        CAN_NOT_CONFERENCE: 'The conference could not be started.',
        CAN_NOT_SWAP_PARTICIPANTS: 'The participants could not be swapped.',
        CAN_NOT_SUPERVISE_CALL: 'The call could not be supervised.',
        CAN_NOT_BARGE_IN_SUPERVISOR: 'The supervisor could not barge in.',
        CAN_NOT_LOG_IN: 'The connector could not sign in.',
        INVALID_PARAMS: 'The contact center settings are invalid.',
        INVALID_DESTINATION: 'That destination cannot be reached.'
    };
    return known[code] ?? code;
}
