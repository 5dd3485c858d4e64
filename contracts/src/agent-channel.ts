// The agent channel: one authenticated, versioned message stream between a connector (one per agent browser tab)
// and the Switchboard gateway. The connector sends requests for what Salesforce asks (accept, hold, dial...); the
// gateway answers each request once, and pushes events for what the telephony side does. Every event carries a
// sequence number, and `causedBy` when it is the consequence of this session's own request, so the connector can
// tell "the customer hung up" from "the hang-up I asked for": the second must not become a second Salesforce event.
//
// Transport: one JSON text frame per message (WebSocket in production, in-memory pairs in tests). Both sides
// validate every frame they send and receive against the schemas below.
import {
    array,
    boolean,
    json,
    literal,
    number,
    object,
    oneOf,
    optional,
    record,
    string,
    tagged,
    type Infer,
    type Schema,
    SchemaError
} from './schema.js';

export const AGENT_CHANNEL_PROTOCOL = 'switchboard.agent-channel';
/** Bumped on any incompatible change. Peers refuse a version they do not speak, with a message saying so. */
export const AGENT_CHANNEL_VERSION = 1;
/** Frames larger than this are refused before parsing. */
export const MAX_FRAME_BYTES = 256 * 1024;

// ---- shared values -------------------------------------------------------------------------------------------

const id = string({ minLength: 1, maxLength: 128 });
const text = string({ maxLength: 1024 });
const epochMillis = number({ integer: true, min: 0 });

/** The call types Salesforce's connector library knows (scv-connector-base 3.6.2 `Constants.CALL_TYPE`). */
export const CALL_TYPES = ['Inbound', 'Outbound', 'Callback', 'AddParticipant', 'Transfer', 'InternalCall'] as const;
/** `Constants.PARTICIPANT_TYPE` values. */
export const PARTICIPANT_TYPES = ['Initial_Caller', 'Third_Party', 'Supervisor', 'Agent'] as const;
/** Live call states (`Constants.CALL_STATE` minus `ended`: an ended call is not in any snapshot). */
export const CALL_STATES = ['ringing', 'connected', 'transferring', 'transferred'] as const;
export const PHONE_TYPES = ['SOFT_PHONE', 'DESK_PHONE'] as const;
/** `Constants.CONTACT_TYPE` values. */
export const CONTACT_TYPES = ['PhoneBook', 'Queue', 'PhoneNumber', 'Agent', 'Flow'] as const;
/** `Constants.AGENT_AVAILABILITY` values. */
export const AGENT_AVAILABILITIES = ['AVAILABLE', 'BUSY', 'OFFLINE'] as const;
/** `Constants.CONTACTS_FILTER_TYPES` values. */
export const CONTACT_FILTER_TYPES = ['AGENT', 'QUEUE', 'CONTACT', 'DIRECTORY', 'FLOW', 'AVAILABLE'] as const;

export const CallSnapshotSchema = object({
    callId: id,
    callType: oneOf(CALL_TYPES),
    participantType: oneOf(PARTICIPANT_TYPES),
    state: oneOf(CALL_STATES),
    /** The far end: caller for inbound, dialled number for outbound, transfer target for a leg. */
    phoneNumber: string({ maxLength: 64 }),
    contactName: optional(text),
    /** The call this leg was added to (transfer/conference legs). The gateway links the VoiceCalls the same way. */
    parentCallId: optional(id),
    /** The VoiceCall the gateway created (inbound and transfer legs), once known. */
    voiceCallId: optional(id),
    isOnHold: boolean(),
    isRecordingPaused: boolean(),
    /** For a leg: the agent's original caller has already left. */
    initialCallHasEnded: optional(boolean()),
    isExternalTransfer: optional(boolean()),
    /** On a supervisor's monitored call: the supervisor has joined the conversation. */
    hasSupervisorBargedIn: optional(boolean()),
    queue: optional(object({ id, name: text, enqueuedAt: epochMillis })),
    startedAt: epochMillis,
    /** Free-form call data (IVR answers...), string values only. */
    attributes: optional(record(string({ maxLength: 4096 })))
});
export type CallSnapshot = Infer<typeof CallSnapshotSchema>;

export const ContactEntrySchema = object({
    id,
    type: oneOf(CONTACT_TYPES),
    name: text,
    phoneNumber: optional(string({ maxLength: 64 })),
    extension: optional(string({ maxLength: 32 })),
    prefix: optional(string({ maxLength: 16 })),
    description: optional(text),
    recordId: optional(id),
    availability: optional(oneOf(AGENT_AVAILABILITIES)),
    /** Human-readable wait, as the library expects a string. */
    queueWaitTime: optional(string({ maxLength: 64 }))
});
export type ContactEntry = Infer<typeof ContactEntrySchema>;

/** Who or what to call: a number, a queue, an agent, a flow or a phone-book entry. */
export const DestinationSchema = object({
    type: oneOf(CONTACT_TYPES),
    id: optional(id),
    phoneNumber: optional(string({ minLength: 1, maxLength: 64 })),
    name: optional(text),
    extension: optional(string({ maxLength: 32 })),
    prefix: optional(string({ maxLength: 16 }))
});
export type Destination = Infer<typeof DestinationSchema>;

export const PhoneSchema = object({ type: oneOf(PHONE_TYPES), number: optional(string({ maxLength: 64 })) });
export type Phone = Infer<typeof PhoneSchema>;

export const AgentStateSchema = object({
    isMuted: boolean(),
    phone: PhoneSchema,
    /** The telephony-side status, mirrored from Omni-Channel (Omni-Channel owns presence). */
    vendorStatus: optional(object({ statusId: id, statusName: optional(text), statusType: optional(text) }))
});
export type AgentState = Infer<typeof AgentStateSchema>;

/** What the telephony platform can really do for this agent; the connector reports these flags to Salesforce. */
export const CapabilitiesSchema = object({
    mute: boolean(),
    hold: boolean(),
    recording: boolean(),
    merge: boolean(),
    swap: boolean(),
    blindTransfer: boolean(),
    signedRecordingUrl: boolean(),
    phoneBook: boolean(),
    contactSearch: boolean(),
    agentAvailability: boolean(),
    queueWaitTime: boolean(),
    supervisorListenIn: boolean(),
    supervisorBargeIn: boolean(),
    transferToOmniFlow: boolean(),
    deskPhone: boolean()
});
export type Capabilities = Infer<typeof CapabilitiesSchema>;

export const SnapshotSchema = object({
    calls: array(CallSnapshotSchema, { maxItems: 32 }),
    agent: AgentStateSchema,
    /** Sequence number of the last event folded into this snapshot; later events start after it. */
    lastEventSeq: number({ integer: true, min: 0 })
});
export type Snapshot = Infer<typeof SnapshotSchema>;

/**
 * Messages exchanged with the Voice Extension over Lightning Message Service, relayed by the connector. The
 * envelope is the Voice Extension's `{ source, type, payload, version }` contract; the connector only checks its
 * shape and relays it.
 */
export const PageMessageSchema = object({
    source: string({ minLength: 1, maxLength: 64 }),
    type: string({ minLength: 1, maxLength: 128 }),
    payload: optional(json()),
    version: number({ integer: true, min: 1 })
});
export type PageMessage = Infer<typeof PageMessageSchema>;

// ---- requests (connector → gateway) and their results -------------------------------------------------------

const calls = array(CallSnapshotSchema, { maxItems: 32 });
const empty = object({});

/** Every request the connector may send: its parameters, and the result the gateway must answer with. */
export const COMMANDS = {
    acceptCall: { params: object({ callId: id }), result: object({ call: CallSnapshotSchema }) },
    declineCall: { params: object({ callId: id }), result: object({ call: CallSnapshotSchema }) },
    /** Ends the agent's participation in `callId`; `ended` lists every call that ended as a result. */
    endCall: {
        params: object({ callId: id, agentStatus: optional(text) }),
        result: object({ ended: calls, remaining: calls })
    },
    setMute: { params: object({ muted: boolean() }), result: object({ isMuted: boolean() }) },
    setHold: { params: object({ callId: id, onHold: boolean() }), result: object({ calls }) },
    swap: { params: object({ holdCallId: id, resumeCallId: id }), result: object({ calls }) },
    conference: { params: object({ callIds: array(id, { maxItems: 32 }) }), result: object({ calls }) },
    dial: { params: object({ destination: DestinationSchema }), result: object({ call: CallSnapshotSchema }) },
    sendDigits: {
        params: object({ callId: optional(id), digits: string({ minLength: 1, maxLength: 64 }) }),
        result: empty
    },
    /** Warm (`blind: false`) or blind transfer. The result is the new leg, with its own call id. */
    addParticipant: {
        params: object({ callId: id, destination: DestinationSchema, blind: boolean() }),
        result: object({ call: CallSnapshotSchema })
    },
    setRecording: {
        params: object({ callId: id, paused: boolean() }),
        result: object({ isRecordingPaused: boolean() })
    },
    /** Mirrors an Omni-Channel status change to the telephony side (routable or not). */
    setPresence: {
        params: object({
            statusId: optional(id),
            statusApiName: optional(text),
            statusName: optional(text),
            agentStatus: text,
            enqueueNextState: boolean()
        }),
        result: empty
    },
    getVendorStatus: {
        params: empty,
        result: object({ statusId: optional(id), statusName: optional(text), statusType: optional(text) })
    },
    getContacts: {
        params: object({
            contains: optional(text),
            types: optional(array(oneOf(CONTACT_FILTER_TYPES), { maxItems: 6 })),
            limit: optional(number({ integer: true, min: 1, max: 500 })),
            offset: optional(number({ integer: true, min: 0 }))
        }),
        result: object({ contacts: array(ContactEntrySchema, { maxItems: 500 }) })
    },
    setPhone: { params: PhoneSchema, result: empty },
    wrapUp: { params: object({ callId: id }), result: empty },
    signRecordingUrl: {
        params: object({ recordingUrl: string({ minLength: 1, maxLength: 2048 }), vendorCallKey: id, callId: id }),
        result: object({ url: string({ minLength: 1, maxLength: 4096 }), durationSeconds: number({ min: 0 }) })
    },
    supervise: {
        params: object({ callId: id, voiceCallId: optional(id) }),
        result: object({ call: CallSnapshotSchema })
    },
    supervisorDisconnect: { params: object({ callId: id }), result: object({ ended: calls }) },
    bargeIn: { params: object({ callId: id }), result: object({ call: CallSnapshotSchema }) },
    pageMessage: { params: object({ message: PageMessageSchema }), result: empty },
    log: {
        params: object({ level: text, message: string({ maxLength: 8192 }), payload: optional(json()) }),
        result: empty
    },
    logout: { params: empty, result: empty }
} as const satisfies Record<string, { params: Schema<Record<string, unknown>>; result: Schema<unknown> }>;

export type CommandName = keyof typeof COMMANDS;
export type CommandParams<C extends CommandName> = Infer<(typeof COMMANDS)[C]['params']>;
export type CommandResult<C extends CommandName> = Infer<(typeof COMMANDS)[C]['result']>;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** Why the gateway refused a request. The connector maps these to the error types Salesforce shows agents. */
export const ERROR_CODES = [
    'INVALID_PARAMS',
    'INVALID_DESTINATION',
    'INVALID_PARTICIPANT',
    'INVALID_AGENT_STATUS',
    'UNKNOWN_CALL',
    'CONFLICT',
    'UNAVAILABLE',
    'TIMEOUT',
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'NOT_SUPPORTED',
    'INTERNAL'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorBodySchema = object({ code: oneOf(ERROR_CODES), message: string({ maxLength: 2048 }) });
export type ErrorBody = Infer<typeof ErrorBodySchema>;

// ---- events (gateway → connector) ----------------------------------------------------------------------------

/** What the telephony side reports. Each event that changes state says which call it is about. */
export const EventSchema = tagged('type', {
    /** A call rings for the agent: inbound, transfer to this agent, or a callback being offered. */
    callRinging: object({ call: CallSnapshotSchema }),
    /** A callback request entered the agent's queue (Salesforce's QUEUED_CALL_STARTED). */
    callbackQueued: object({ call: CallSnapshotSchema }),
    /** The far end answered (outbound), or the agent answered on a desk phone. */
    callConnected: object({ call: CallSnapshotSchema }),
    /** A transfer/conference leg's target answered. */
    participantConnected: object({ call: CallSnapshotSchema }),
    /** A call ended on the telephony side (customer or third party hung up, a monitored call ended, failure...). */
    callEnded: object({ callId: id, reason: optional(text), isError: boolean() }),
    muteChanged: object({ isMuted: boolean() }),
    holdChanged: object({ callId: id, isOnHold: boolean() }),
    recordingChanged: object({ callId: id, isRecordingPaused: boolean() }),
    /** The telephony side ended after-call work (e.g. its own wrap-up timer). */
    wrapUpEnded: object({ callId: id }),
    /** The telephony side asks Salesforce to put the agent in an Omni-Channel status (already mapped to its Id). */
    presenceRequested: object({ statusId: id }),
    /** A supervisor barged into one of this agent's calls. */
    supervisorBargedIn: object({ callId: id, supervisorName: optional(text) }),
    /** A message for the Voice Extension (relayed to Lightning Message Service). */
    pageMessage: object({ message: PageMessageSchema }),
    /** The gateway ended this agent's session (signed out elsewhere, account disabled). */
    loggedOut: object({ reason: text })
});
export type TelephonyEvent = Infer<typeof EventSchema>;
export type TelephonyEventType = TelephonyEvent['type'];

// ---- frames ---------------------------------------------------------------------------------------------------

export const CredentialSchema = tagged('kind', {
    /** Username and password typed into the connector's login frame. */
    password: object({ username: string({ minLength: 1, maxLength: 256 }), password: string({ minLength: 1 }) }),
    /** A session token the gateway issued earlier (page refresh, reconnect). */
    session: object({ token: string({ minLength: 16, maxLength: 2048 }) }),
    /** A one-time code from the gateway's single sign-on page, redeemed once. */
    ssoCode: object({ code: string({ minLength: 16, maxLength: 2048 }) })
});
export type Credential = Infer<typeof CredentialSchema>;

const requestFrames = Object.fromEntries(
    COMMAND_NAMES.map((name) => [name, object({ kind: literal('request'), id, params: COMMANDS[name].params })])
);

const RequestSchema = tagged('command', requestFrames);

export type RequestFrame = {
    [C in CommandName]: { kind: 'request'; id: string; command: C; params: CommandParams<C> };
}[CommandName];

export const HelloSchema = object({
    kind: literal('hello'),
    protocol: literal(AGENT_CHANNEL_PROTOCOL),
    version: number({ integer: true, min: 1 }),
    credential: CredentialSchema,
    /** Who is connecting, for the gateway's logs. */
    client: object({ name: text, version: text }),
    /** Salesforce identity of the agent as the contact center reported it, checked against the credential. */
    salesforceUserId: optional(id)
});
export type HelloFrame = Infer<typeof HelloSchema>;

const PingSchema = object({ kind: literal('ping'), id });

export type ClientFrame = HelloFrame | RequestFrame | { kind: 'ping'; id: string };

const WelcomeSchema = object({
    kind: literal('welcome'),
    version: number({ integer: true, min: 1 }),
    sessionId: id,
    /** Presented again on reconnect; valid until the gateway ends the session. */
    sessionToken: string({ minLength: 16, maxLength: 2048 }),
    agent: object({ agentId: id, displayName: text }),
    capabilities: CapabilitiesSchema,
    snapshot: SnapshotSchema
});
const ReplyOkSchema = object({ kind: literal('reply'), id, result: json() });
const ReplyErrorSchema = object({ kind: literal('reply'), id, error: ErrorBodySchema });
const EventFrameSchema = object({
    kind: literal('event'),
    seq: number({ integer: true, min: 1 }),
    /** The id of this session's request that caused the event, if any. */
    causedBy: optional(id),
    event: EventSchema
});
const RejectedSchema = object({
    kind: literal('rejected'),
    error: ErrorBodySchema,
    /** Versions the gateway speaks, when the refusal is a version mismatch. */
    supportedVersions: optional(array(number({ integer: true, min: 1 }), { maxItems: 16 }))
});
const PongSchema = object({ kind: literal('pong'), id });

export type WelcomeFrame = Infer<typeof WelcomeSchema>;
export type ReplyFrame =
    | { kind: 'reply'; ok: true; id: string; result: unknown }
    | { kind: 'reply'; ok: false; id: string; error: ErrorBody };
export type EventFrame = Infer<typeof EventFrameSchema>;
export type RejectedFrame = Infer<typeof RejectedSchema>;
export type ServerFrame = WelcomeFrame | ReplyFrame | EventFrame | RejectedFrame | { kind: 'pong'; id: string };

/** A frame that is not valid protocol. `message` names the field and what was expected. */
export class ProtocolError extends Error {
    override readonly name = 'ProtocolError';
}

function parseFrame(text: string): Record<string, unknown> {
    if (typeof text !== 'string') throw new ProtocolError('frame is not text');
    if (text.length > MAX_FRAME_BYTES)
        throw new ProtocolError(`frame of ${text.length} bytes exceeds ${MAX_FRAME_BYTES}`);
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        throw new ProtocolError('frame is not JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new ProtocolError('frame is not a JSON object');
    return value as Record<string, unknown>;
}

function rethrow(error: unknown): never {
    if (error instanceof SchemaError) throw new ProtocolError(error.message);
    throw error;
}

/** Parses and validates a frame the gateway sent. Throws ProtocolError saying which field is wrong. */
export function decodeServerFrame(text: string): ServerFrame {
    const frame = parseFrame(text);
    try {
        switch (frame.kind) {
            case 'welcome':
                return WelcomeSchema.parse(frame);
            case 'reply': {
                const { ok, ...rest } = frame;
                if (ok === true) return { ...ReplyOkSchema.parse(rest), ok };
                if (ok === false) return { ...ReplyErrorSchema.parse(rest), ok };
                throw new SchemaError('$.ok', 'true or false', ok);
            }
            case 'event':
                return EventFrameSchema.parse(frame);
            case 'rejected':
                return RejectedSchema.parse(frame);
            case 'pong':
                return PongSchema.parse(frame);
            default:
                throw new ProtocolError(`$.kind: expected one of welcome, reply, event, rejected, pong`);
        }
    } catch (error) {
        rethrow(error);
    }
}

/** Parses and validates a frame the connector sent (the gateway's side, and the tests' fake gateway). */
export function decodeClientFrame(text: string): ClientFrame {
    const frame = parseFrame(text);
    try {
        switch (frame.kind) {
            case 'hello':
                return HelloSchema.parse(frame);
            case 'request':
                return RequestSchema.parse(frame) as RequestFrame;
            case 'ping':
                return PingSchema.parse(frame);
            default:
                throw new ProtocolError(`$.kind: expected one of hello, request, ping`);
        }
    } catch (error) {
        rethrow(error);
    }
}

/** Validates a result against its command's schema: the connector never trusts the gateway's shapes blindly. */
export function parseResult<C extends CommandName>(command: C, result: unknown): CommandResult<C> {
    try {
        return COMMANDS[command].result.parse(result, `$.result(${command})`) as CommandResult<C>;
    } catch (error) {
        rethrow(error);
    }
}

/** Serialises a frame after validating it, so a bug on the sending side is caught where it happens. */
export function encodeClientFrame(frame: ClientFrame): string {
    const text = JSON.stringify(frame);
    decodeClientFrame(text);
    return text;
}

export function encodeServerFrame(frame: ServerFrame): string {
    const text = JSON.stringify(frame);
    decodeServerFrame(text);
    return text;
}
