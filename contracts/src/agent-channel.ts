// The agent channel: one authenticated, versioned message stream between a connector (one per agent browser tab)
// and the Switchboard gateway. The connector sends requests for what Salesforce asks (accept, hold, dial...); the
// gateway answers each request once, and pushes events for what the telephony side does. Every event carries the
// agent's sequence number and an id, and `causedBy` when it is the consequence of this session's own request, so the
// connector can tell "the customer hung up" from "the hang-up I asked for": the second must not become a second
// Salesforce event.
//
// Transport: one JSON text frame per message (WebSocket in production, in-memory pairs in tests). Both sides
// validate every frame they send and receive against the valibot schemas below.
//
// Version tolerance (protocol version 2): objects accept keys they do not know and drop them, so a newer peer may
// add optional fields without breaking an older one; a missing required field or a wrong type is still an error.
// A frame kind or an event type this side does not know decodes as an `UnknownFrame` that the receiver logs and
// skips. An incompatible change bumps AGENT_CHANNEL_VERSION, and the gateway rejects a hello of another version
// with VERSION_MISMATCH.
import * as v from 'valibot';
import {
    describedAs,
    describeValue,
    expected,
    formatIssues,
    isPlainObject,
    jsonValue,
    safeRecord,
    struct
} from './safe-schemas.js';

export const AGENT_CHANNEL_PROTOCOL = 'switchboard.agent-channel';
/**
 * The major version. Bumped on any incompatible change; optional additions keep it. The gateway rejects a hello of
 * another version with VERSION_MISMATCH and the versions it speaks.
 */
export const AGENT_CHANNEL_VERSION = 2;
/** Frames larger than this many UTF-8 bytes are refused before parsing, when received and when sent. */
export const MAX_FRAME_BYTES = 256 * 1024;

// ---- shared values -------------------------------------------------------------------------------------------

/** A string of `min` to `max` characters (UTF-16 code units). */
const str = (max: number, min = 0) => {
    const description = min > 0 ? `a string of ${min} to ${max} characters` : `a string of at most ${max} characters`;
    const m = expected(description);
    return describedAs(description, v.pipe(v.string(m), v.minLength(min, m), v.maxLength(max, m)));
};
/** A whole number from `min` (to `max`). */
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => {
    const description = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    const m = expected(description);
    return describedAs(description, v.pipe(v.number(m), v.integer(m), v.minValue(min, m), v.maxValue(max, m)));
};
const nonNegative = () => {
    const m = expected('a number >= 0');
    return describedAs('a number >= 0', v.pipe(v.number(m), v.finite(m), v.minValue(0, m)));
};
const bool = () => describedAs('a boolean', v.boolean(expected('a boolean')));
const lit = <const T extends string | number | boolean>(value: T) =>
    describedAs(JSON.stringify(value), v.literal(value, expected(JSON.stringify(value))));
const oneOf = <const T extends readonly string[]>(values: T) => {
    const description = `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
    return describedAs(description, v.picklist(values, expected(description)));
};
const list = <S extends v.GenericSchema>(item: S, maxItems: number) => {
    const m = expected(`an array of at most ${maxItems} items`);
    return describedAs(`an array of at most ${maxItems} items`, v.pipe(v.array(item, m), v.maxLength(maxItems, m)));
};
/** A union of objects told apart by one key (`kind`, `type`...), which each member declares as a literal. */
const tagged = <const K extends string, const O extends v.VariantOptions<K>>(key: K, options: O) => {
    const tags = options.map(
        (o) =>
            ((o as v.ObjectSchema<v.ObjectEntries, undefined>).entries[key] as v.LiteralSchema<string, undefined>)
                .literal
    );
    return describedAs(
        `an object whose ${key} is one of ${tags.join(', ')}`,
        v.variant(key, options, (issue) =>
            issue.path
                ? `expected one of ${tags.join(', ')}, received ${describeValue(issue.input)}`
                : `expected an object whose ${key} is one of ${tags.join(', ')}, received ${describeValue(issue.input)}`
        )
    );
};

const id = str(128, 1);
const text = str(1024);
const epochMillis = int(0);
const sessionToken = str(2048, 16);

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

export const CallSnapshotSchema = struct({
    callId: id,
    callType: oneOf(CALL_TYPES),
    participantType: oneOf(PARTICIPANT_TYPES),
    state: oneOf(CALL_STATES),
    /** The far end: caller for inbound, dialled number for outbound, transfer target for a leg. */
    phoneNumber: str(64),
    contactName: v.optional(text),
    /** The call this leg was added to (transfer/conference legs). The gateway links the VoiceCalls the same way. */
    parentCallId: v.optional(id),
    /** The VoiceCall the gateway created (inbound and transfer legs), once known. */
    voiceCallId: v.optional(id),
    isOnHold: bool(),
    isRecordingPaused: bool(),
    /** For a leg: the agent's original caller has already left. */
    initialCallHasEnded: v.optional(bool()),
    isExternalTransfer: v.optional(bool()),
    /** On a supervisor's monitored call: the supervisor has joined the conversation. */
    hasSupervisorBargedIn: v.optional(bool()),
    queue: v.optional(struct({ id, name: text, enqueuedAt: epochMillis })),
    startedAt: epochMillis,
    /** Free-form call data (IVR answers...), string values only; any key is kept as data. */
    attributes: v.optional(safeRecord(str(4096)))
});
export type CallSnapshot = v.InferOutput<typeof CallSnapshotSchema>;

export const ContactEntrySchema = struct({
    id,
    type: oneOf(CONTACT_TYPES),
    name: text,
    phoneNumber: v.optional(str(64)),
    extension: v.optional(str(32)),
    prefix: v.optional(str(16)),
    description: v.optional(text),
    recordId: v.optional(id),
    availability: v.optional(oneOf(AGENT_AVAILABILITIES)),
    /** Human-readable wait, as the library expects a string. */
    queueWaitTime: v.optional(str(64))
});
export type ContactEntry = v.InferOutput<typeof ContactEntrySchema>;

/** Who or what to call: a number, a queue, an agent, a flow or a phone-book entry. */
export const DestinationSchema = struct({
    type: oneOf(CONTACT_TYPES),
    id: v.optional(id),
    phoneNumber: v.optional(str(64, 1)),
    name: v.optional(text),
    extension: v.optional(str(32)),
    prefix: v.optional(str(16))
});
export type Destination = v.InferOutput<typeof DestinationSchema>;

export const PhoneSchema = struct({ type: oneOf(PHONE_TYPES), number: v.optional(str(64)) });
export type Phone = v.InferOutput<typeof PhoneSchema>;

export const AgentStateSchema = struct({
    isMuted: bool(),
    phone: PhoneSchema,
    /** The telephony-side status, mirrored from Omni-Channel (Omni-Channel owns presence). */
    vendorStatus: v.optional(struct({ statusId: id, statusName: v.optional(text), statusType: v.optional(text) }))
});
export type AgentState = v.InferOutput<typeof AgentStateSchema>;

/** What the telephony platform can really do for this agent; the connector reports these flags to Salesforce. */
export const CapabilitiesSchema = struct({
    mute: bool(),
    hold: bool(),
    recording: bool(),
    merge: bool(),
    swap: bool(),
    blindTransfer: bool(),
    signedRecordingUrl: bool(),
    phoneBook: bool(),
    contactSearch: bool(),
    agentAvailability: bool(),
    queueWaitTime: bool(),
    supervisorListenIn: bool(),
    supervisorBargeIn: bool(),
    transferToOmniFlow: bool(),
    deskPhone: bool()
});
export type Capabilities = v.InferOutput<typeof CapabilitiesSchema>;

const calls = list(CallSnapshotSchema, 32);

export const SnapshotSchema = struct({
    calls,
    agent: AgentStateSchema,
    /** The agent's sequence number of the last event folded into this snapshot; later events start after it. */
    lastEventSeq: int(0)
});
export type Snapshot = v.InferOutput<typeof SnapshotSchema>;

/**
 * Messages exchanged with the Voice Extension over Lightning Message Service, relayed by the connector. The
 * envelope is the Voice Extension's `{ source, type, payload, version }` contract; the connector only checks its
 * shape and relays it.
 */
export const PageMessageSchema = struct({
    source: str(64, 1),
    type: str(128, 1),
    payload: v.optional(jsonValue()),
    version: int(1)
});
export type PageMessage = v.InferOutput<typeof PageMessageSchema>;

// ---- requests (connector → gateway) and their results -------------------------------------------------------

const empty = struct({});
const oneCall = struct({ call: CallSnapshotSchema });

/** Every request the connector may send: its parameters, and the result the gateway must answer with. */
export const COMMANDS = {
    acceptCall: { params: struct({ callId: id }), result: oneCall },
    declineCall: { params: struct({ callId: id }), result: oneCall },
    /** Ends the agent's participation in `callId`; `ended` lists every call that ended as a result. */
    endCall: {
        params: struct({ callId: id, agentStatus: v.optional(text) }),
        result: struct({ ended: calls, remaining: calls })
    },
    setMute: { params: struct({ muted: bool() }), result: struct({ isMuted: bool() }) },
    setHold: { params: struct({ callId: id, onHold: bool() }), result: struct({ calls }) },
    swap: { params: struct({ holdCallId: id, resumeCallId: id }), result: struct({ calls }) },
    conference: { params: struct({ callIds: list(id, 32) }), result: struct({ calls }) },
    dial: { params: struct({ destination: DestinationSchema }), result: oneCall },
    sendDigits: { params: struct({ callId: v.optional(id), digits: str(64, 1) }), result: empty },
    /** Warm (`blind: false`) or blind transfer. The result is the new leg, with its own call id. */
    addParticipant: {
        params: struct({ callId: id, destination: DestinationSchema, blind: bool() }),
        result: oneCall
    },
    setRecording: {
        params: struct({ callId: id, paused: bool() }),
        result: struct({ isRecordingPaused: bool() })
    },
    /** Mirrors an Omni-Channel status change to the telephony side (routable or not). */
    setPresence: {
        params: struct({
            statusId: v.optional(id),
            statusApiName: v.optional(text),
            statusName: v.optional(text),
            agentStatus: text,
            enqueueNextState: bool()
        }),
        result: empty
    },
    getVendorStatus: {
        params: empty,
        result: struct({ statusId: v.optional(id), statusName: v.optional(text), statusType: v.optional(text) })
    },
    getContacts: {
        params: struct({
            contains: v.optional(text),
            types: v.optional(list(oneOf(CONTACT_FILTER_TYPES), 6)),
            limit: v.optional(int(1, 500)),
            offset: v.optional(int(0))
        }),
        result: struct({ contacts: list(ContactEntrySchema, 500) })
    },
    setPhone: { params: PhoneSchema, result: empty },
    wrapUp: { params: struct({ callId: id }), result: empty },
    signRecordingUrl: {
        params: struct({ recordingUrl: str(2048, 1), vendorCallKey: id, callId: id }),
        result: struct({ url: str(4096, 1), durationSeconds: nonNegative() })
    },
    supervise: { params: struct({ callId: id, voiceCallId: v.optional(id) }), result: oneCall },
    supervisorDisconnect: { params: struct({ callId: id }), result: struct({ ended: calls }) },
    bargeIn: { params: struct({ callId: id }), result: oneCall },
    pageMessage: { params: struct({ message: PageMessageSchema }), result: empty },
    log: {
        params: struct({ level: text, message: str(8192), payload: v.optional(jsonValue()) }),
        result: empty
    },
    /**
     * Exchanges this session's token for a fresh one before it expires (the connector asks at about two thirds of
     * its lifetime). The old token stays valid until its own expiry.
     */
    renewSession: { params: empty, result: struct({ sessionToken, expiresAt: epochMillis }) },
    logout: { params: empty, result: empty }
} as const satisfies Record<
    string,
    { params: v.GenericSchema<unknown, Record<string, unknown>>; result: v.GenericSchema<unknown, unknown> }
>;

export type CommandName = keyof typeof COMMANDS;
export type CommandParams<C extends CommandName> = v.InferOutput<(typeof COMMANDS)[C]['params']>;
export type CommandResult<C extends CommandName> = v.InferOutput<(typeof COMMANDS)[C]['result']>;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** Why the gateway refused a request or a session. The connector maps these to the errors Salesforce shows agents. */
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
    'INTERNAL',
    /** The hello's protocol version is not one the gateway speaks (`rejected` carries `supportedVersions`). */
    'VERSION_MISMATCH'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
const errorCode = describedAs(
    `one of ${ERROR_CODES.join(', ')}`,
    v.union(
        [
            oneOf(ERROR_CODES),
            // A code added by a newer peer is read as INTERNAL; the message still says what happened.
            v.pipe(
                str(64, 1),
                v.transform((): ErrorCode => 'INTERNAL')
            )
        ],
        expected('an error code (a string of 1 to 64 characters)')
    )
);
export const ErrorBodySchema = struct({ code: errorCode, message: str(2048) });
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

// ---- events (gateway → connector) ----------------------------------------------------------------------------

/** What the telephony side reports. Each event that changes state says which call it is about. */
export const EventSchema = tagged('type', [
    /** A call rings for the agent: inbound, transfer to this agent, or a callback being offered. */
    struct({ type: lit('callRinging'), call: CallSnapshotSchema }),
    /** A callback request entered the agent's queue (Salesforce's QUEUED_CALL_STARTED). */
    struct({ type: lit('callbackQueued'), call: CallSnapshotSchema }),
    /** The far end answered (outbound), or the agent answered on a desk phone. */
    struct({ type: lit('callConnected'), call: CallSnapshotSchema }),
    /** A transfer/conference leg's target answered. */
    struct({ type: lit('participantConnected'), call: CallSnapshotSchema }),
    /** A call ended on the telephony side (customer or third party hung up, a monitored call ended, failure...). */
    struct({ type: lit('callEnded'), callId: id, reason: v.optional(text), isError: bool() }),
    struct({ type: lit('muteChanged'), isMuted: bool() }),
    struct({ type: lit('holdChanged'), callId: id, isOnHold: bool() }),
    struct({ type: lit('recordingChanged'), callId: id, isRecordingPaused: bool() }),
    /** The telephony side ended after-call work (e.g. its own wrap-up timer). */
    struct({ type: lit('wrapUpEnded'), callId: id }),
    /** The telephony side asks Salesforce to put the agent in an Omni-Channel status (already mapped to its Id). */
    struct({ type: lit('presenceRequested'), statusId: id }),
    /** A supervisor barged into one of this agent's calls. */
    struct({ type: lit('supervisorBargedIn'), callId: id, supervisorName: v.optional(text) }),
    /** A message for the Voice Extension (relayed to Lightning Message Service). */
    struct({ type: lit('pageMessage'), message: PageMessageSchema }),
    /**
     * The gateway could not create or update the call's VoiceCall in Salesforce after its retries. The call goes
     * on; `operation` says what failed (e.g. `createVoiceCall`), `message` why.
     */
    struct({ type: lit('salesforceSyncFailed'), callId: id, operation: str(64, 1), message: text }),
    /** The gateway ended this agent's session (signed out elsewhere, account disabled). */
    struct({ type: lit('loggedOut'), reason: text })
]);
export type TelephonyEvent = v.InferOutput<typeof EventSchema>;
export type TelephonyEventType = TelephonyEvent['type'];
export const EVENT_TYPES = EventSchema.options.map((o) => o.entries.type.literal) as readonly TelephonyEventType[];

// ---- frames ---------------------------------------------------------------------------------------------------

export const CredentialSchema = tagged('kind', [
    /** Username and password typed into the connector's login frame. */
    struct({ kind: lit('password'), username: str(256, 1), password: str(10_000, 1) }),
    /** A session token the gateway issued earlier (page refresh, reconnect). */
    struct({ kind: lit('session'), token: sessionToken }),
    /** A one-time code from the gateway's single sign-on page, redeemed once. */
    struct({ kind: lit('ssoCode'), code: str(2048, 16) })
]);
export type Credential = v.InferOutput<typeof CredentialSchema>;

const RequestSchema = tagged(
    'command',
    // One member per command; the frame's static type is RequestFrame below.
    COMMAND_NAMES.map((name) =>
        struct({ kind: lit('request'), id, command: lit(name), params: COMMANDS[name].params })
    ) as unknown as v.VariantOptions<'command'>
);

export type RequestFrame = {
    [C in CommandName]: { kind: 'request'; id: string; command: C; params: CommandParams<C> };
}[CommandName];

export const HelloSchema = struct({
    kind: lit('hello'),
    protocol: lit(AGENT_CHANNEL_PROTOCOL),
    /** The major version the connector speaks; the gateway rejects another with VERSION_MISMATCH. */
    version: int(1),
    credential: CredentialSchema,
    /** Who is connecting, for the gateway's logs. */
    client: struct({ name: text, version: text }),
    /** Salesforce identity of the agent as the contact center reported it, checked against the credential. */
    salesforceUserId: v.optional(id),
    /**
     * On a reconnect with a session token: the last event sequence number the connector processed. The gateway
     * replays every later event after its welcome (`resumed: true`), or answers with a fresh snapshot.
     */
    resumeFromSeq: v.optional(int(0))
});
export type HelloFrame = v.InferOutput<typeof HelloSchema>;

const PingSchema = struct({ kind: lit('ping'), id });

export type ClientFrame = HelloFrame | RequestFrame | { kind: 'ping'; id: string };

const WelcomeSchema = struct({
    kind: lit('welcome'),
    version: int(1),
    sessionId: id,
    /** Presented again on reconnect, until `sessionTokenExpiresAt`; renew it with `renewSession` before then. */
    sessionToken,
    /** When the session token stops being accepted (epoch ms, the gateway's clock). */
    sessionTokenExpiresAt: epochMillis,
    /**
     * True when the hello asked to resume and the gateway still has every event after `resumeFromSeq`: it sends
     * them right after this frame, in order, and the connector must not reconcile from `snapshot`. False for a
     * fresh sign-in, or when those events are gone: `snapshot` is then the truth to reconcile from.
     */
    resumed: bool(),
    agent: struct({ agentId: id, displayName: text }),
    capabilities: CapabilitiesSchema,
    snapshot: SnapshotSchema
});
const ReplySchema = tagged('ok', [
    struct({ kind: lit('reply'), ok: lit(true), id, result: jsonValue() }),
    struct({ kind: lit('reply'), ok: lit(false), id, error: ErrorBodySchema })
]);
const EventFrameSchema = struct({
    kind: lit('event'),
    /** Per agent (not per connection): starts at 1, no gaps; the gateway persists it. */
    seq: int(1),
    /** Unique per event, stable across replays: for logs and for deduplication downstream. */
    eventId: id,
    /** The id of this session's request that caused the event, if any. */
    causedBy: v.optional(id),
    event: EventSchema
});
const EventEnvelopeSchema = struct({ kind: lit('event'), seq: int(1), eventId: id, causedBy: v.optional(id) });
const RejectedSchema = struct({
    kind: lit('rejected'),
    error: ErrorBodySchema,
    /** Versions the gateway speaks, when the refusal is a version mismatch. */
    supportedVersions: v.optional(list(int(1), 16))
});
/** The gateway could not read a frame the connector sent; `id` names the request when it could be read. */
const RefusedSchema = struct({ kind: lit('refused'), id: v.optional(id), error: ErrorBodySchema });
const PongSchema = struct({ kind: lit('pong'), id });

export type WelcomeFrame = v.InferOutput<typeof WelcomeSchema>;
export type ReplyFrame =
    | { kind: 'reply'; ok: true; id: string; result: unknown }
    | { kind: 'reply'; ok: false; id: string; error: ErrorBody };
export type EventFrame = v.InferOutput<typeof EventFrameSchema>;
export type RejectedFrame = v.InferOutput<typeof RejectedSchema>;
export type RefusedFrame = v.InferOutput<typeof RefusedSchema>;
export type ServerFrame =
    WelcomeFrame | ReplyFrame | EventFrame | RejectedFrame | RefusedFrame | { kind: 'pong'; id: string };

/**
 * A well-formed frame this side does not know: a frame kind, or an event type, added by a newer peer. The receiver
 * logs it and goes on; for an event, `seq` still counts (it is neither a gap nor a repeat).
 */
export interface UnknownFrame {
    kind: 'unknown';
    /** The frame's `kind` as received. */
    receivedKind: string;
    /** For an event frame: the event's `type`, and its sequence number. */
    eventType?: string;
    seq?: number;
}

export const SERVER_FRAME_KINDS = ['welcome', 'reply', 'event', 'rejected', 'refused', 'pong'] as const;
export const CLIENT_FRAME_KINDS = ['hello', 'request', 'ping'] as const;

/**
 * A frame that is not valid protocol. `message` names the field and what was expected. `code` is what to answer
 * it with (VERSION_MISMATCH for a hello of another version); `frameKind` and `frameId` are set when the frame was
 * readable that far, so the answer can name the request (`refusalFor`).
 */
export class ProtocolError extends Error {
    override readonly name = 'ProtocolError';
    readonly code: 'INVALID_PARAMS' | 'VERSION_MISMATCH';
    readonly frameKind: string | undefined;
    readonly frameId: string | undefined;
    constructor(
        message: string,
        details: { code?: 'INVALID_PARAMS' | 'VERSION_MISMATCH'; frameKind?: unknown; frameId?: unknown } = {}
    ) {
        super(message);
        this.code = details.code ?? 'INVALID_PARAMS';
        this.frameKind = readableString(details.frameKind, 64);
        this.frameId = readableString(details.frameId, 128);
    }
}

function readableString(value: unknown, max: number): string | undefined {
    return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

/**
 * What both sides say when the versions differ: who speaks what, and which side to update. The gateway puts it in
 * its `rejected` frame; the connector shows it as the sign-in error.
 */
export function versionMismatchMessage(connectorVersion: number, gatewayVersions: readonly number[]): string {
    const newest = Math.max(...gatewayVersions);
    const update =
        connectorVersion < newest
            ? 'Update the connector (deploy its new static resource, then reload the softphone)'
            : 'Update the gateway';
    return (
        `The connector speaks agent-channel version ${connectorVersion}; the gateway speaks version ` +
        `${gatewayVersions.join(', ')}. ${update} so that both speak the same version.`
    );
}

/** Validates `value` against `schema`, or throws ProtocolError naming the first wrong field under `root`. */
export function parseWith<S extends v.GenericSchema>(
    schema: S,
    value: unknown,
    root = '$',
    context: { frameKind?: unknown; frameId?: unknown } = {}
): v.InferOutput<S> {
    const result = v.safeParse(schema, value, { abortEarly: true });
    if (result.success) return result.output;
    throw new ProtocolError(formatIssues(result.issues, root), context);
}

let encoder: InstanceType<typeof TextEncoder> | undefined;

/** The UTF-8 size of `text` in bytes, when it could exceed MAX_FRAME_BYTES; exact for any frame near the limit. */
export function frameBytes(text: string): number {
    // A UTF-16 code unit takes 1 to 3 UTF-8 bytes (a surrogate pair, two units, takes 4).
    if (text.length * 3 <= MAX_FRAME_BYTES || text.length > MAX_FRAME_BYTES) return text.length;
    return (encoder ??= new TextEncoder()).encode(text).length;
}

function parseFrame(text: string): Record<string, unknown> {
    if (typeof text !== 'string') throw new ProtocolError('frame is not text');
    const bytes = frameBytes(text);
    if (bytes > MAX_FRAME_BYTES)
        throw new ProtocolError(
            `frame of ${text.length > MAX_FRAME_BYTES ? 'at least ' : ''}${bytes} bytes exceeds the limit of ${MAX_FRAME_BYTES} bytes`
        );
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        throw new ProtocolError('frame is not JSON');
    }
    if (!isPlainObject(value)) throw new ProtocolError('frame is not a JSON object');
    return value;
}

/** A kind this side does not know: skipped if it is at least a sensible name, an error otherwise. */
function unknownKind(frame: Record<string, unknown>, known: readonly string[]): UnknownFrame {
    const kind = readableString(frame.kind, 64);
    if (kind === undefined)
        throw new ProtocolError(`$.kind: expected one of ${known.join(', ')}, received ${describeValue(frame.kind)}`, {
            frameId: frame.id
        });
    return { kind: 'unknown', receivedKind: kind };
}

/**
 * Parses and validates a frame the gateway sent. Throws ProtocolError saying which field is wrong; returns an
 * UnknownFrame for a kind or event type from a newer gateway.
 */
export function decodeServerFrame(text: string): ServerFrame | UnknownFrame {
    const frame = parseFrame(text);
    const context = { frameKind: frame.kind, frameId: frame.id };
    switch (frame.kind) {
        case 'welcome':
            return parseWith(WelcomeSchema, frame, '$', context);
        case 'reply':
            return parseWith(ReplySchema, frame, '$', context);
        case 'event': {
            const type = isPlainObject(frame.event) ? frame.event.type : undefined;
            if (typeof type === 'string' && !(EVENT_TYPES as readonly string[]).includes(type)) {
                const envelope = parseWith(EventEnvelopeSchema, frame, '$', context);
                return { kind: 'unknown', receivedKind: 'event', eventType: type, seq: envelope.seq };
            }
            return parseWith(EventFrameSchema, frame, '$', context);
        }
        case 'rejected':
            return parseWith(RejectedSchema, frame, '$', context);
        case 'refused':
            return parseWith(RefusedSchema, frame, '$', context);
        case 'pong':
            return parseWith(PongSchema, frame, '$', context);
        default:
            return unknownKind(frame, SERVER_FRAME_KINDS);
    }
}

/**
 * Parses and validates a frame the connector sent (the gateway's side). A hello of
 * another protocol version throws ProtocolError with code VERSION_MISMATCH, whatever else it holds.
 */
export function decodeClientFrame(text: string): ClientFrame | UnknownFrame {
    const frame = parseFrame(text);
    const context = { frameKind: frame.kind, frameId: frame.id };
    switch (frame.kind) {
        case 'hello': {
            const version = frame.version;
            if (
                frame.protocol === AGENT_CHANNEL_PROTOCOL &&
                typeof version === 'number' &&
                Number.isInteger(version) &&
                version !== AGENT_CHANNEL_VERSION
            )
                throw new ProtocolError(versionMismatchMessage(version, [AGENT_CHANNEL_VERSION]), {
                    code: 'VERSION_MISMATCH',
                    frameKind: 'hello'
                });
            return parseWith(HelloSchema, frame, '$', context);
        }
        case 'request':
            return parseWith(RequestSchema, frame, '$', context) as RequestFrame;
        case 'ping':
            return parseWith(PingSchema, frame, '$', context);
        default:
            return unknownKind(frame, CLIENT_FRAME_KINDS);
    }
}

/**
 * The gateway's answer to a client frame it could not decode: `rejected` for a hello (with `supportedVersions` on a
 * version mismatch), else `refused`, naming the request when its id was readable. The connection stays open.
 */
export function refusalFor(error: ProtocolError): RejectedFrame | RefusedFrame {
    const body: ErrorBody = { code: error.code, message: error.message.slice(0, 2048) };
    if (error.code === 'VERSION_MISMATCH')
        return { kind: 'rejected', error: body, supportedVersions: [AGENT_CHANNEL_VERSION] };
    if (error.frameKind === 'hello') return { kind: 'rejected', error: body };
    return { kind: 'refused', ...(error.frameId ? { id: error.frameId } : {}), error: body };
}

/** Validates a result against its command's schema: the connector never trusts the gateway's shapes blindly. */
export function parseResult<C extends CommandName>(command: C, result: unknown): CommandResult<C> {
    return parseWith(COMMANDS[command].result, result, `$.result(${command})`);
}

function mustBeKnown(decoded: { kind: string }, frame: { kind: string }): void {
    if (decoded.kind === 'unknown')
        throw new ProtocolError(`refusing to send a frame this side does not know (kind ${describeValue(frame.kind)})`);
}

/** Serialises a frame after validating it (UTF-8 size included), so a bug on the sending side is caught there. */
export function encodeClientFrame(frame: ClientFrame): string {
    const text = JSON.stringify(frame);
    mustBeKnown(decodeClientFrame(text), frame);
    return text;
}

export function encodeServerFrame(frame: ServerFrame): string {
    const text = JSON.stringify(frame);
    mustBeKnown(decodeServerFrame(text), frame);
    return text;
}
