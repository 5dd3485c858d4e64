// The carrier side's wire format: what a telephony platform (or its adapter) POSTs to the gateway, one JSON object
// per call event. Declared once with valibot: the gateway validates with it, TypeScript types are inferred from it,
// and the JSON Schema that documents the endpoint (GET /carrier/events/schema, and docs/carrier-event.schema.json,
// checked by a test) is generated from it.
//
// Objects are strict: a misspelled optional field (`agentID`) would otherwise be dropped silently and the call would
// never reach its agent, so an unknown key is a 400 that names it.
import * as v from 'valibot';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const phoneNumber = v.pipe(v.string(), v.maxLength(64));
const text = v.pipe(v.string(), v.maxLength(1024));
/** UTC ISO 8601 with milliseconds optional, as Salesforce's Telephony Integration API wants its times. */
const isoTime = v.pipe(
    v.string(),
    v.regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/,
        'a UTC ISO 8601 time such as 2026-12-02T10:15:00.000Z'
    )
);
const epochMillis = v.pipe(v.number(), v.integer(), v.minValue(0));
const attributes = v.pipe(
    v.record(v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/)), v.pipe(v.string(), v.maxLength(4096))),
    v.check((value) => Object.keys(value).length <= 50, 'at most 50 attributes')
);

const envelope = {
    /** Unique per event: a repeated delivery of the same id is acknowledged and ignored. */
    eventId: id,
    /** The carrier's call id. It becomes the VoiceCall's VendorCallKey and the connector's callId. */
    callId: id,
    /** When the event happened on the telephony platform. */
    occurredAt: isoTime
};

/** A call appeared on the telephony platform, or was offered to an agent (`agentId`). */
const ringing = v.strictObject({
    ...envelope,
    type: v.literal('call.ringing'),
    direction: v.picklist(['inbound', 'outbound', 'callback']),
    from: phoneNumber,
    to: phoneNumber,
    /**
     * The far end's name as the platform knows it: the caller-ID name of an inbound call, the directory name of
     * the contact an agent dialled. The softphone shows it beside the number.
     */
    displayName: v.optional(text),
    /** The gateway agent the call rings for. Absent while the call waits in IVR or a queue. */
    agentId: v.optional(id),
    queue: v.optional(v.strictObject({ id, name: text })),
    /** IVR answers and other call data: they become VoiceCall fields through `callAttributes`. */
    attributes: v.optional(attributes)
});

const answered = v.strictObject({
    ...envelope,
    type: v.literal('call.answered'),
    /** Who answered: the agent (inbound), or absent when the far end answered an outbound call. */
    agentId: v.optional(id)
});

const ended = v.strictObject({
    ...envelope,
    type: v.literal('call.ended'),
    reason: v.optional(
        v.picklist(['customer_hangup', 'agent_hangup', 'abandoned', 'declined', 'transferred', 'no_answer', 'failed'])
    ),
    /** A technical failure, not a normal hang-up. */
    isError: v.optional(v.boolean())
});

/** A third party is being added to the call (warm transfer or conference): it rings. */
const participantAdded = v.strictObject({
    ...envelope,
    type: v.literal('participant.added'),
    /** The new leg's id on the telephony platform. */
    participantId: id,
    phoneNumber,
    displayName: v.optional(text),
    /** When the third party is another gateway agent. */
    agentId: v.optional(id)
});

const participantJoined = v.strictObject({
    ...envelope,
    type: v.literal('participant.joined'),
    participantId: id
});

const participantLeft = v.strictObject({
    ...envelope,
    type: v.literal('participant.left'),
    participantId: id
});

const hold = v.strictObject({
    ...envelope,
    type: v.literal('call.hold'),
    onHold: v.boolean()
});

const mute = v.strictObject({
    ...envelope,
    type: v.literal('call.mute'),
    agentId: id,
    muted: v.boolean()
});

const recording = v.strictObject({
    ...envelope,
    type: v.literal('recording'),
    state: v.picklist(['started', 'paused', 'resumed', 'stopped']),
    /** Where the finished recording is kept (sent to Salesforce as recordingLocation when the call ends). */
    location: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(2048))),
    durationSeconds: v.optional(v.pipe(v.number(), v.minValue(0)))
});

const utterance = v.strictObject({
    ...envelope,
    type: v.literal('transcript.utterance'),
    /** Unique within the conversation: Salesforce's messageId. */
    utteranceId: id,
    speaker: v.picklist(['customer', 'agent', 'virtual_agent']),
    text: v.pipe(v.string(), v.minLength(1), v.maxLength(10_000)),
    startedAt: epochMillis,
    endedAt: epochMillis
});

/** The call moves to a new leg (another agent or queue): the new leg is its own VoiceCall of type Transfer. */
const transferred = v.strictObject({
    ...envelope,
    type: v.literal('call.transferred'),
    /** The new leg's call id. */
    newCallId: id,
    toAgentId: v.optional(id),
    toNumber: v.optional(phoneNumber),
    queue: v.optional(v.strictObject({ id, name: text }))
});

const dtmf = v.strictObject({
    ...envelope,
    type: v.literal('dtmf'),
    digits: v.pipe(v.string(), v.regex(/^[0-9*#A-D]{1,64}$/, 'DTMF digits (0-9, *, #, A-D)'))
});

/**
 * A supervisor joined the call: `listen` silently, `barge` into the conversation (the call's agent is told). A
 * supervisor who listened and then barges in is sent again with `barge`.
 */
const supervisorJoined = v.strictObject({
    ...envelope,
    type: v.literal('supervisor.joined'),
    supervisorId: id,
    supervisorName: v.optional(text),
    mode: v.picklist(['listen', 'barge']),
    /**
     * The gateway agent supervising, when the supervisor is one (they asked through their connector): they get a
     * call of their own (participant type Supervisor), which ends when they leave or when this call ends.
     */
    agentId: v.optional(id)
});

/** A supervisor left the call; the call goes on. */
const supervisorLeft = v.strictObject({
    ...envelope,
    type: v.literal('supervisor.left'),
    supervisorId: id,
    /** The gateway agent, as in supervisor.joined: their supervisor's call ends. */
    agentId: v.optional(id)
});

export const CarrierEventSchema = v.variant('type', [
    ringing,
    answered,
    ended,
    participantAdded,
    participantJoined,
    participantLeft,
    hold,
    mute,
    recording,
    utterance,
    transferred,
    dtmf,
    supervisorJoined,
    supervisorLeft
]);

export type CarrierEvent = v.InferOutput<typeof CarrierEventSchema>;
export type CarrierEventType = CarrierEvent['type'];
export type CarrierEventOf<T extends CarrierEventType> = Extract<CarrierEvent, { type: T }>;

/** What a POST carries: one event, or a batch of up to 500 (a carrier that buffers sends them together). */
export const CarrierPostSchema = v.union([
    CarrierEventSchema,
    v.strictObject({ events: v.pipe(v.array(CarrierEventSchema), v.minLength(1), v.maxLength(500)) })
]);

/** Turns valibot's issues into one line per problem, each naming the field: `$.events[2].callId: ...`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
    return issues.map((issue) => {
        const path = (issue.path ?? [])
            .map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`))
            .join('');
        const nested = issue.issues?.length ? `: ${describeIssues(issue.issues).join('; ')}` : '';
        return `$${path}: ${plainMessage(issue)}${nested}`;
    });
}

/** valibot's wording for the two commonest mistakes is cryptic ("Expected never"); say what to fix instead. */
function plainMessage(issue: v.BaseIssue<unknown>): string {
    if (issue.kind === 'schema' && issue.expected === 'never')
        return 'unknown field: remove it or check its spelling against the schema';
    if (issue.kind === 'schema' && issue.received === 'undefined' && issue.message.startsWith('Invalid key'))
        return 'required field is missing';
    return issue.message;
}

export type CarrierParse = { ok: true; events: CarrierEvent[] } | { ok: false; errors: string[] };

const CarrierBatchSchema = v.strictObject({
    events: v.pipe(v.array(CarrierEventSchema), v.minLength(1), v.maxLength(500))
});

/** Each member of the variant by its `type`: what the variant would pick, found without trying the others. */
const MEMBERS = new Map<unknown, (typeof CarrierEventSchema.options)[number]>(
    CarrierEventSchema.options.map((member) => [member.entries.type.literal, member])
);

/**
 * The event validated by its own member, or undefined when that does not succeed (then the caller validates the
 * whole post again, the slow way, for its errors). A success here is the variant's success, with the same output.
 */
function quickEvent(value: unknown): CarrierEvent | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const member = MEMBERS.get((value as { type?: unknown }).type);
    if (member === undefined) return undefined;
    const parsed = v.safeParse(member, value);
    return parsed.success ? parsed.output : undefined;
}

/** A batch as CarrierBatchSchema reads it, every event by quickEvent; undefined if any step would not succeed. */
function quickBatch(value: unknown): CarrierEvent[] | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const keys = Object.keys(value);
    if (keys.length !== 1 || keys[0] !== 'events') return undefined;
    const { events } = value as { events: unknown };
    if (!Array.isArray(events) || events.length < 1 || events.length > 500) return undefined;
    const parsed: CarrierEvent[] = [];
    for (const event of events) {
        const one = quickEvent(event);
        if (one === undefined) return undefined;
        parsed.push(one);
    }
    return parsed;
}

export function parseCarrierPost(value: unknown): CarrierParse {
    // The common case, a valid post, without the variant's search through its members (a third of validation).
    const batch = quickBatch(value);
    if (batch) return { ok: true, events: batch };
    const event = quickEvent(value);
    if (event) return { ok: true, events: [event] };
    // The envelope's type decides which member to report against, so the errors name the member's own fields.
    const single = v.safeParse(CarrierEventSchema, value);
    if (single.success) return { ok: true, events: [single.output] };
    if (typeof value === 'object' && value !== null && 'events' in value) {
        const parsed = v.safeParse(CarrierBatchSchema, value);
        if (parsed.success) return { ok: true, events: parsed.output.events };
        return { ok: false, errors: describeIssues(parsed.issues) };
    }
    return { ok: false, errors: describeIssues(single.issues) };
}
