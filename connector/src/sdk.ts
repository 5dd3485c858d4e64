// The one module that imports @salesforce/scv-connector-base; everything else imports from here. A move to 4.x is
// not confined to this file: 4.x splits the call methods into a TelephonyConnector returned by
// getTelephonyConnector(), passes the call to mute/unmute, replaces CapabilitiesResult with shared and voice
// capability results, and regroups the constants (connector-sdk.md §11). It would touch this file (classes,
// constants, the VendorConnector shape), src/connector.ts (split the call methods out, new signatures),
// src/translate.ts (capability results), src/event-guard.ts (AUTO_EVENTS, re-derived by test/library-events.test.ts)
// and the test doubles that implement the interface (test/library-events.test.ts, bench/round-trip.ts). The call
// store, the agent channel and the contracts would not change.
//
// Why the casts: the package's 3.6.2 declarations are wrong in ways that matter (connector-sdk.md §10) —
// publishEvent accepts 14 of the event types the library really handles and requires `registerLog`; getAgentStatus
// is declared to return AgentStatusInfo where the library needs AgentVendorStatusInfo; several constructor shapes
// demand fields that have defaults. The types below describe what the 3.6.2 source (src/main/types.js,
// baseConnector.js) actually does. The classes themselves are the library's, never look-alikes: the library checks
// results with `instanceof`, so the bundle must contain exactly one copy of it (build.ts checks).
import scv from '@salesforce/scv-connector-base';

// ---- wire strings (the library exports some as `string`, and keeps the rest internal) -------------------------

/** Events `publishEvent` handles in 3.6.2 (baseConnector.js `publishEvent` switch). */
export const EVENT = {
    LOGIN_RESULT: 'LOGIN_RESULT',
    LOGOUT_RESULT: 'LOGOUT_RESULT',
    CALL_STARTED: 'CALL_STARTED',
    QUEUED_CALL_STARTED: 'QUEUED_CALL_STARTED',
    CALL_CONNECTED: 'CALL_CONNECTED',
    HANGUP: 'HANGUP',
    PARTICIPANT_ADDED: 'PARTICIPANT_ADDED',
    PARTICIPANT_CONNECTED: 'PARTICIPANT_CONNECTED',
    PARTICIPANT_REMOVED: 'PARTICIPANT_REMOVED',
    PARTICIPANTS_SWAPPED: 'PARTICIPANTS_SWAPPED',
    PARTICIPANTS_CONFERENCED: 'PARTICIPANTS_CONFERENCED',
    MESSAGE: 'MESSAGE',
    AFTER_CALL_WORK_STARTED: 'AFTER_CALL_WORK_STARTED',
    WRAP_UP_ENDED: 'WRAP_UP_ENDED',
    MUTE_TOGGLE: 'MUTE_TOGGLE',
    HOLD_TOGGLE: 'HOLD_TOGGLE',
    RECORDING_TOGGLE: 'RECORDING_TOGGLE',
    UPDATE_AUDIO_STATS: 'UPDATE_AUDIO_STATS',
    SUPERVISOR_BARGED_IN: 'SUPERVISOR_BARGED_IN',
    /** Handled by publishEvent, not exported in 3.6.2 `Constants`. */
    CALL_BARGED_IN: 'CALL_BARGED_IN',
    SUPERVISOR_CALL_STARTED: 'SUPERVISOR_CALL_STARTED',
    SUPERVISOR_CALL_CONNECTED: 'SUPERVISOR_CALL_CONNECTED',
    SUPERVISOR_HANGUP: 'SUPERVISOR_HANGUP',
    SET_AGENT_STATUS: 'SET_AGENT_STATUS'
} as const;
export type EventType = (typeof EVENT)[keyof typeof EVENT];

// Every publishable event except the three the library renames goes out under its own name.
const {
    PARTICIPANTS_SWAPPED: _sentAsHoldToggle,
    PARTICIPANTS_CONFERENCED: _alsoSentAsHoldToggle,
    UPDATE_AUDIO_STATS: _sentAsStatsCompleted,
    ...SENT_UNDER_OWN_NAME
} = EVENT;

/**
 * What reaches Salesforce on the port after a successful request or a publish: the `telephonyEventType` of a
 * TELEPHONY_EVENT_DISPATCHED message, or the CONNECTOR_READY message itself. The publishable events as the library
 * sends them (PARTICIPANTS_SWAPPED and PARTICIPANTS_CONFERENCED go out as HOLD_TOGGLE, UPDATE_AUDIO_STATS only as
 * UPDATE_AUDIO_STATS_COMPLETED), plus the ones only the library sends (internal in 3.6.2 constants.js). Failure
 * outcomes (ERROR, INFO, CALL_FAILED) are not listed: the duplicate guard is about successful results.
 */
export const SENT = {
    ...SENT_UNDER_OWN_NAME,
    UPDATE_AUDIO_STATS_COMPLETED: 'UPDATE_AUDIO_STATS_COMPLETED',
    /** The CONNECTOR_READY message (not a telephony event): after init without a login, or a successful LOGIN_RESULT. */
    CONNECTOR_READY: 'CONNECTOR_READY',
    SHOW_LOGIN: 'SHOW_LOGIN',
    SET_AGENT_STATUS_RESULT: 'SET_AGENT_STATUS_RESULT',
    GET_AGENT_STATUS_RESULT: 'GET_AGENT_STATUS_RESULT',
    PHONE_CONTACTS: 'PHONE_CONTACTS',
    AGENT_CONFIG_UPDATED: 'AGENT_CONFIG_UPDATED',
    SIGNED_RECORDING_URL: 'SIGNED_RECORDING_URL'
} as const;
export type SentEvent = (typeof SENT)[keyof typeof SENT];

/**
 * What `publishEvent(event)` can send to Salesforce (baseConnector.js `publishEvent`; connector-sdk.md §5.2),
 * checked by driving the library in test/library-events.test.ts. Most events go out under their own name; the
 * exceptions are what the duplicate guard must see through.
 */
export const PUBLISHED_AS = {
    /** A successful login also makes the library send CONNECTOR_READY. */
    LOGIN_RESULT: [SENT.LOGIN_RESULT, SENT.CONNECTOR_READY],
    LOGOUT_RESULT: [SENT.LOGOUT_RESULT],
    CALL_STARTED: [SENT.CALL_STARTED],
    QUEUED_CALL_STARTED: [SENT.QUEUED_CALL_STARTED],
    /** While a supervised call is flagged, the library first disconnects it and sends SUPERVISOR_HANGUP. */
    CALL_CONNECTED: [SENT.SUPERVISOR_HANGUP, SENT.CALL_CONNECTED],
    HANGUP: [SENT.HANGUP],
    PARTICIPANT_ADDED: [SENT.PARTICIPANT_ADDED],
    PARTICIPANT_CONNECTED: [SENT.PARTICIPANT_CONNECTED],
    /**
     * HANGUP when getActiveCalls() is empty; for the initial caller, PARTICIPANT_ADDED or PARTICIPANT_CONNECTED
     * (`initialCallHasEnded`) after the transfer leg's state; otherwise PARTICIPANT_REMOVED.
     */
    PARTICIPANT_REMOVED: [SENT.HANGUP, SENT.PARTICIPANT_ADDED, SENT.PARTICIPANT_CONNECTED, SENT.PARTICIPANT_REMOVED],
    PARTICIPANTS_SWAPPED: [SENT.HOLD_TOGGLE],
    PARTICIPANTS_CONFERENCED: [SENT.HOLD_TOGGLE],
    MESSAGE: [SENT.MESSAGE],
    AFTER_CALL_WORK_STARTED: [SENT.AFTER_CALL_WORK_STARTED],
    WRAP_UP_ENDED: [SENT.WRAP_UP_ENDED],
    MUTE_TOGGLE: [SENT.MUTE_TOGGLE],
    HOLD_TOGGLE: [SENT.HOLD_TOGGLE],
    RECORDING_TOGGLE: [SENT.RECORDING_TOGGLE],
    /** Only once the stats are complete for a call; otherwise nothing is sent. */
    UPDATE_AUDIO_STATS: [SENT.UPDATE_AUDIO_STATS_COMPLETED],
    SUPERVISOR_BARGED_IN: [SENT.SUPERVISOR_BARGED_IN],
    CALL_BARGED_IN: [SENT.CALL_BARGED_IN],
    SUPERVISOR_CALL_STARTED: [SENT.SUPERVISOR_CALL_STARTED],
    SUPERVISOR_CALL_CONNECTED: [SENT.SUPERVISOR_CALL_CONNECTED],
    SUPERVISOR_HANGUP: [SENT.SUPERVISOR_HANGUP],
    SET_AGENT_STATUS: [SENT.SET_AGENT_STATUS]
} as const satisfies Record<EventType, readonly SentEvent[]>;

/** Error types the library recognises in a rejection's `type` (baseConnector.js, per message). */
export const ERROR_TYPE = {
    GENERIC_ERROR: 'GENERIC_ERROR',
    INVALID_PARTICIPANT: 'INVALID_PARTICIPANT',
    INVALID_DESTINATION: 'INVALID_DESTINATION',
    INVALID_PARAMS: 'INVALID_PARAMS',
    INVALID_AGENT_STATUS: 'INVALID_AGENT_STATUS',
    CAN_NOT_UPDATE_PHONE_NUMBER: 'CAN_NOT_UPDATE_PHONE_NUMBER'
} as const;
export type ErrorType = (typeof ERROR_TYPE)[keyof typeof ERROR_TYPE];

type CallType = 'Inbound' | 'Outbound' | 'Callback' | 'AddParticipant' | 'Transfer' | 'InternalCall';
export type ParticipantType = 'Initial_Caller' | 'Third_Party' | 'Supervisor' | 'Agent';
export type CallState = 'ringing' | 'connected' | 'transferring' | 'transferred' | 'ended';
type ContactType = 'PhoneBook' | 'Queue' | 'PhoneNumber' | 'Agent' | 'Flow';
export type PhoneType = 'SOFT_PHONE' | 'DESK_PHONE';
type Availability = 'AVAILABLE' | 'BUSY' | 'OFFLINE';

// ---- instance shapes (what the library's constructors produce) -----------------------------------------------

export interface Contact {
    phoneNumber?: string;
    id?: string;
    type?: ContactType;
    name?: string;
    prefix?: string;
    extension?: string;
    endpointARN?: string;
    queue?: string;
    availability?: Availability | null;
    recordId?: string;
    description?: string;
    queueWaitTime?: string;
}
export interface Phone {
    type: PhoneType;
    number?: string;
}
interface CallInfoInit {
    callStateTimestamp?: Date | null;
    isOnHold?: boolean;
    isMuted?: boolean;
    isRecordingPaused?: boolean;
    initialCallId?: string;
    queueId?: string | null;
    queueName?: string | null;
    queueTimestamp?: Date | null;
    isSoftphoneCall?: boolean;
    acceptEnabled?: boolean;
    declineEnabled?: boolean;
    muteEnabled?: boolean;
    swapEnabled?: boolean;
    conferenceEnabled?: boolean;
    holdEnabled?: boolean;
    recordEnabled?: boolean;
    addCallerEnabled?: boolean;
    extensionEnabled?: boolean;
    isReplayable?: boolean;
    isBargeable?: boolean;
    isExternalTransfer?: boolean;
    showMuteButton?: boolean;
    showRecordButton?: boolean;
    showAddCallerButton?: boolean;
    showAddBlindTransferButton?: boolean;
    showMergeButton?: boolean;
    showSwapButton?: boolean;
    removeParticipantVariant?: 'ALWAYS' | 'NEVER' | 'ALWAYS_EXCEPT_ON_HOLD';
}
export type CallInfo = CallInfoInit & { readonly __brand: 'CallInfo' };
/** `callAttributes` is not checked by the library; it reads participantType, initialCallHasEnded, hasSupervisorBargedIn. */
interface CallAttributes {
    voiceCallId?: string;
    participantType?: ParticipantType;
    dialerType?: 'OutboundPreview' | 'None';
    parentId?: string;
    isOnHold?: boolean;
    hasSupervisorBargedIn?: boolean;
    initialCallHasEnded?: boolean;
}
export interface PhoneCall {
    callId?: string;
    callType?: CallType;
    contact?: Contact;
    state?: CallState;
    callAttributes?: CallAttributes;
    phoneNumber?: string;
    callInfo?: CallInfo;
    reason?: string;
    closeCallOnError?: boolean;
    agentStatus?: string;
    /** Set by the library on calls it replays after AGENT_AVAILABLE. */
    isReplayedCall?: boolean;
    readonly __brand: 'PhoneCall';
}
export interface AgentStatusInfo {
    statusId: string;
    statusApiName?: string;
    statusName?: string;
}
export interface SupervisedCallInfo {
    callId: string;
    voiceCallId?: string;
    callType?: string;
    from?: string;
    to?: string;
    supervisorName?: string;
    isBargedIn?: boolean;
}

type Ctor<Init, Instance> = new (init: Init) => Instance;
type Result<Name extends string, Fields> = Fields & { readonly __result: Name };

export type InitResult = Result<'InitResult', { showLogin: boolean; loginFrameHeight: number }>;
export type GenericResult = Result<'GenericResult', { success: boolean }>;
export type LogoutResult = Result<'LogoutResult', { success: boolean; loginFrameHeight: number }>;
export type CallResult = Result<'CallResult', { call?: PhoneCall }>;
export type HangupResult = Result<'HangupResult', { calls: PhoneCall[] }>;
export type SupervisorHangupResult = Result<'SupervisorHangupResult', { calls: PhoneCall[] }>;
export type MuteToggleResult = Result<'MuteToggleResult', { isMuted: boolean }>;
export type HoldToggleResult = Result<
    'HoldToggleResult',
    { isThirdPartyOnHold: boolean; isCustomerOnHold: boolean; calls?: Record<string, PhoneCall> | PhoneCall[] }
>;
export type RecordingToggleResult = Result<'RecordingToggleResult', { isRecordingPaused: boolean }>;
export type ParticipantResult = Result<
    'ParticipantResult',
    { initialCallHasEnded: boolean; callInfo: CallInfo; phoneNumber: string; callId: string }
>;
export type PhoneContactsResult = Result<'PhoneContactsResult', { contacts: Contact[]; contactTypes: ContactType[] }>;
export type ActiveCallsResult = Result<'ActiveCallsResult', { activeCalls: PhoneCall[] }>;
interface CapabilityFlags {
    hasMute: boolean;
    hasRecord: boolean;
    hasMerge: boolean;
    hasSwap: boolean;
    hasSignedRecordingUrl: boolean;
    debugEnabled: boolean;
    hasContactSearch: boolean;
    hasAgentAvailability: boolean;
    hasQueueWaitTime: boolean;
    supportsMos: boolean;
    hasSupervisorListenIn: boolean;
    hasSupervisorBargeIn: boolean;
    hasBlindTransfer: boolean;
    hasTransferToOmniFlow: boolean;
    hasPendingStatusChange: boolean;
    hasPhoneBook: boolean;
}
export type CapabilitiesResult = Result<'CapabilitiesResult', CapabilityFlags>;
export type AgentConfigResult = Result<'AgentConfigResult', { phones: PhoneType[]; selectedPhone: Phone }>;
export type SignedRecordingUrlResult = Result<
    'SignedRecordingUrlResult',
    { success: boolean; url?: string; duration?: number; callId?: string }
>;
export type SuperviseCallResult = Result<'SuperviseCallResult', { call: PhoneCall }>;
export type AgentVendorStatusInfo = Result<
    'AgentVendorStatusInfo',
    { statusId?: string; statusType?: string; statusName?: string }
>;

const lib = scv as unknown as Record<string, unknown>;
const cls = <Init, Instance>(name: string): Ctor<Init, Instance> => lib[name] as Ctor<Init, Instance>;

export const InitResult = cls<{ showLogin?: boolean; loginFrameHeight?: number }, InitResult>('InitResult');
export const GenericResult = cls<{ success: boolean }, GenericResult>('GenericResult');
export const LogoutResult = cls<{ success: boolean; loginFrameHeight?: number }, LogoutResult>('LogoutResult');
export const CallResult = cls<{ call?: PhoneCall }, CallResult>('CallResult');
/** Throws when `calls` is missing: the library insists on at least an empty array. */
export const HangupResult = cls<{ calls: PhoneCall | PhoneCall[] }, HangupResult>('HangupResult');
export const SupervisorHangupResult = cls<{ calls: PhoneCall | PhoneCall[] }, SupervisorHangupResult>(
    'SupervisorHangupResult'
);
export const MuteToggleResult = cls<{ isMuted: boolean }, MuteToggleResult>('MuteToggleResult');
export const HoldToggleResult = cls<
    { isThirdPartyOnHold: boolean; isCustomerOnHold: boolean; calls?: Record<string, PhoneCall> | PhoneCall[] },
    HoldToggleResult
>('HoldToggleResult');
export const RecordingToggleResult = cls<{ isRecordingPaused: boolean }, RecordingToggleResult>(
    'RecordingToggleResult'
);
export const ParticipantResult = cls<
    { initialCallHasEnded: boolean; callInfo: CallInfo; phoneNumber: string; callId: string },
    ParticipantResult
>('ParticipantResult');
export const PhoneContactsResult = cls<{ contacts: Contact[]; contactTypes: ContactType[] }, PhoneContactsResult>(
    'PhoneContactsResult'
);
export const ActiveCallsResult = cls<{ activeCalls: PhoneCall[] }, ActiveCallsResult>('ActiveCallsResult');
export const CapabilitiesResult = cls<Partial<CapabilityFlags>, CapabilitiesResult>('CapabilitiesResult');
export const AgentConfigResult = cls<{ phones: PhoneType[]; selectedPhone: Phone }, AgentConfigResult>(
    'AgentConfigResult'
);
export const SignedRecordingUrlResult = cls<
    { success: boolean; url?: string; duration?: number; callId?: string },
    SignedRecordingUrlResult
>('SignedRecordingUrlResult');
export const SuperviseCallResult = cls<{ call: PhoneCall }, SuperviseCallResult>('SuperviseCallResult');
export const AgentVendorStatusInfo = cls<
    { statusId?: string; statusType?: string; statusName?: string },
    AgentVendorStatusInfo
>('AgentVendorStatusInfo');
export const AgentStatusInfo = cls<AgentStatusInfo, AgentStatusInfo & { readonly __brand: 'AgentStatusInfo' }>(
    'AgentStatusInfo'
);
export const SupervisedCallInfo = cls<SupervisedCallInfo, SupervisedCallInfo & { readonly __brand: 'SCI' }>(
    'SupervisedCallInfo'
);
export const PhoneCall = cls<Omit<PhoneCall, '__brand' | 'isReplayedCall'>, PhoneCall>('PhoneCall');
export const CallInfo = cls<CallInfoInit, CallInfo>('CallInfo');
export const Contact = cls<Contact, Contact & { readonly __brand: 'Contact' }>('Contact');
export const Phone = cls<Phone, Phone & { readonly __brand: 'Phone' }>('Phone');

/** The payload class `publishEvent` checks for each event type (baseConnector.js `publishEvent`). */
export interface EventPayloads {
    LOGIN_RESULT: GenericResult;
    LOGOUT_RESULT: LogoutResult;
    CALL_STARTED: CallResult;
    QUEUED_CALL_STARTED: CallResult;
    CALL_CONNECTED: CallResult;
    HANGUP: HangupResult;
    PARTICIPANT_ADDED: ParticipantResult;
    PARTICIPANT_CONNECTED: ParticipantResult;
    PARTICIPANT_REMOVED: CallResult;
    PARTICIPANTS_SWAPPED: HoldToggleResult;
    PARTICIPANTS_CONFERENCED: HoldToggleResult;
    /** Not checked by the library: anything structured-cloneable. */
    MESSAGE: object;
    /** Not checked by the library. */
    AFTER_CALL_WORK_STARTED: { callId: string };
    /** Not checked by the library. */
    WRAP_UP_ENDED: { callId: string };
    MUTE_TOGGLE: MuteToggleResult;
    HOLD_TOGGLE: HoldToggleResult;
    RECORDING_TOGGLE: RecordingToggleResult;
    UPDATE_AUDIO_STATS: object;
    SUPERVISOR_BARGED_IN: SuperviseCallResult;
    CALL_BARGED_IN: SupervisedCallInfo;
    SUPERVISOR_CALL_STARTED: SuperviseCallResult;
    SUPERVISOR_CALL_CONNECTED: SuperviseCallResult;
    SUPERVISOR_HANGUP: SupervisorHangupResult;
    SET_AGENT_STATUS: AgentStatusInfo;
}

type RawPublish = (event: { eventType: string; payload: object; registerLog?: boolean }) => Promise<void>;

/** `publishEvent` with the event↔payload pairing the library enforces at run time, checked at compile time. */
export function publishEvent<E extends EventType>(eventType: E, payload: EventPayloads[E]): Promise<void> {
    return (scv.publishEvent as unknown as RawPublish)({ eventType, payload, registerLog: true });
}

/**
 * `publishError` for a vendor-side failure outside any request (connector-sdk.md §8.3): SOFTPHONE_ERROR reaches
 * Salesforce as an ERROR event with GENERIC_ERROR, which the agent sees.
 */
export function publishError(eventType: 'SOFTPHONE_ERROR', error: Error): void {
    (scv.publishError as unknown as (e: { eventType: string; error: Error }) => void)({ eventType, error });
}

/** The library's in-memory log (what DOWNLOAD_VENDOR_LOGS hands to downloadLogs). Never touches the port. */
export function log(message: unknown, level: 'INFO' | 'ERROR'): void {
    (scv.log as unknown as (m: unknown, l: string, s: string) => void)(message, level, 'PARTNER');
}

/**
 * Every method 3.6.2 calls on a connector (baseConnector.js), with the signatures it really uses. The library does
 * not check the connector's class; implementing this interface is what counts.
 */
export interface VendorConnector {
    init(connectorConfig: Record<string, unknown>): Promise<InitResult>;
    getActiveCalls(): Promise<ActiveCallsResult>;
    acceptCall(call: unknown): Promise<CallResult>;
    declineCall(call: unknown): Promise<CallResult>;
    endCall(call: unknown, agentStatus?: unknown): Promise<HangupResult>;
    mute(): Promise<MuteToggleResult>;
    unmute(): Promise<MuteToggleResult>;
    hold(call: unknown): Promise<HoldToggleResult>;
    resume(call: unknown): Promise<HoldToggleResult>;
    setAgentStatus(agentStatus: unknown, statusInfo?: unknown, enqueueNextState?: unknown): Promise<GenericResult>;
    getAgentStatus(): Promise<AgentVendorStatusInfo>;
    dial(contact: Contact): Promise<CallResult>;
    sendDigits(digits: unknown): Promise<void>;
    getPhoneContacts(filter?: unknown): Promise<PhoneContactsResult>;
    swap(callToHold: unknown, callToResume: unknown): Promise<HoldToggleResult>;
    conference(calls: unknown): Promise<HoldToggleResult>;
    addParticipant(contact: Contact, call: unknown, isBlindTransfer?: unknown): Promise<ParticipantResult>;
    pauseRecording(call: unknown): Promise<RecordingToggleResult>;
    resumeRecording(call: unknown): Promise<RecordingToggleResult>;
    getAgentConfig(): Promise<AgentConfigResult>;
    setAgentConfig(config: unknown): Promise<GenericResult>;
    getCapabilities(): Promise<CapabilitiesResult>;
    logout(): Promise<LogoutResult>;
    /** Not awaited by the library: must never reject. */
    handleMessage(message: unknown): void;
    /** Not awaited by the library: must never reject. */
    wrapUpCall(call: unknown): void;
    getSignedRecordingUrl(
        recordingUrl: unknown,
        vendorCallKey: unknown,
        callId: unknown
    ): Promise<SignedRecordingUrlResult>;
    downloadLogs(logs: unknown): void;
    logMessageToVendor(logLevel: unknown, message: unknown, payload: unknown): void;
    superviseCall(supervisedCallInfo: unknown): Promise<SuperviseCallResult>;
    supervisorDisconnect(supervisedCallInfo: unknown): Promise<SupervisorHangupResult>;
    supervisorBargeIn(supervisedCallInfo: unknown): Promise<SuperviseCallResult>;
}

/** Registers the connector; the library then waits for Salesforce's SETUP_CONNECTOR window message. */
export function initializeConnector(connector: VendorConnector): void {
    (scv.initializeConnector as unknown as (c: VendorConnector) => void)(connector);
}

/**
 * The library's own base class. Its prototype lists every method 3.6.2 may call on a connector:
 * test/library-events.test.ts derives the guard's table over exactly these.
 */
export const LibraryVendorConnector = scv.VendorConnector as unknown as abstract new () => object;
