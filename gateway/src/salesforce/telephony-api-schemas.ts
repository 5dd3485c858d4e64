// Valibot schemas of the Telephony Integration API request bodies, as ../shared/reference/voice-platform.md §6.3
// documents them. The emulator validates with them; the gateway may check a job before it is queued. Objects are
// strict: the reference lists every field, and a field Salesforce does not know is more likely a gateway bug than
// a feature. Rules that involve more than one field or the stored records (Transfer needs a parent, recording
// fields need recordingLocation) live in the emulator, which knows the records.
import * as v from 'valibot';
import type { CreateVoiceCallBody, OmniFlowBody, TranscriptMessageBody, UpdateVoiceCallBody } from './telephony-api.js';

/** UTC ISO 8601 with a `Z` (or `+00:00`) designator: the reference asks for UTC, not any offset. */
const UTC_ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|\+00:00)$/;

const utcTimestamp = v.pipe(
    v.string(),
    v.regex(UTC_ISO_8601, 'must be a UTC ISO 8601 timestamp such as 2024-05-01T10:00:00Z'),
    v.check(isRealDate, 'is not a real date')
);

/** Date.parse rolls 2024-02-31 over to March; a real date keeps its day and time fields. */
function isRealDate(value: string): boolean {
    const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = value.split(/[-T:.Z+]/).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    return (
        date.getUTCFullYear() === year &&
        date.getUTCMonth() === month - 1 &&
        date.getUTCDate() === day &&
        date.getUTCHours() === hour &&
        date.getUTCMinutes() === minute &&
        date.getUTCSeconds() === second
    );
}

const nonEmptyString = v.pipe(v.string(), v.minLength(1, 'must not be empty'));

const nonNegativeInteger = v.pipe(v.number(), v.integer('must be an integer'), v.minValue(0, 'must not be negative'));

/** Milliseconds since the epoch (int64 in the reference; JSON numbers are exact up to 2^53). */
const epochMillis = v.pipe(v.number(), v.safeInteger('must be an integer number of milliseconds'), v.minValue(0));

/** `callAttributes` is a JSON *string* whose value is an object of field → value. */
const callAttributes = v.pipe(
    v.string(),
    v.check((text) => {
        try {
            const parsed: unknown = JSON.parse(text);
            return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
        } catch {
            return false;
        }
    }, 'must be a JSON string of an object (field → value)')
);

const callOrigin = v.picklist(['Preview', 'Progressive', 'Voicemail']);

const participant = v.strictObject({ participantKey: nonEmptyString, type: nonEmptyString });
const endUserParticipant = v.strictObject({ participantKey: nonEmptyString, type: v.literal('END_USER') });

export const createVoiceCallSchema = v.strictObject({
    callCenterApiName: nonEmptyString,
    vendorCallKey: nonEmptyString,
    to: nonEmptyString,
    from: nonEmptyString,
    // Outbound is not supported by the API; a carrier's outbound leg is not a Create.
    initiationMethod: v.picklist(['Inbound', 'Transfer']),
    startTime: utcTimestamp,
    participants: v.tupleWithRest([endUserParticipant], participant),
    parentVoiceCallId: v.optional(nonEmptyString),
    callOrigin: v.optional(callOrigin),
    queue: v.optional(nonEmptyString),
    callSubtype: v.optional(v.picklist(['PSTN', 'WebRTC'])),
    callAttributes: v.optional(callAttributes)
});

export const updateVoiceCallSchema = v.strictObject({
    startTime: v.optional(utcTimestamp),
    endTime: v.optional(utcTimestamp),
    enqueueTime: v.optional(utcTimestamp),
    acceptTime: v.optional(utcTimestamp),
    fromNumber: v.optional(nonEmptyString),
    totalHoldDuration: v.optional(nonNegativeInteger),
    longestHoldDuration: v.optional(nonNegativeInteger),
    numberOfHolds: v.optional(nonNegativeInteger),
    queue: v.optional(nonEmptyString),
    agent: v.optional(nonEmptyString),
    agentInteractionDuration: v.optional(nonNegativeInteger),
    callOrigin: v.optional(callOrigin),
    recordingLocation: v.optional(nonEmptyString),
    totalRecordingDuration: v.optional(nonNegativeInteger),
    callAttributes: v.optional(callAttributes),
    isActiveCall: v.optional(v.boolean()),
    disconnectReason: v.optional(v.strictObject({ value: nonEmptyString, isError: v.boolean() }))
});

export const transcriptMessageSchema = v.strictObject({
    messageId: nonEmptyString,
    startTime: epochMillis,
    endTime: epochMillis,
    content: v.string(),
    // SUPERVISOR is not in the documented enum, but Salesforce's BYO demo sends it, so an org accepts it.
    senderType: v.picklist(['END_USER', 'HUMAN_AGENT', 'VIRTUAL_AGENT', 'SUPERVISOR']),
    participantId: nonEmptyString
});

export const omniFlowSchema = v.strictObject({
    dialedNumber: v.optional(nonEmptyString),
    flowDevName: v.optional(nonEmptyString),
    fallbackQueue: v.optional(nonEmptyString),
    flowInputParameters: v.optional(v.record(v.string(), v.unknown()))
});

/** Compile-time proof that what the schemas accept is what telephony-api.ts lets the gateway send, both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Schemas = {
    create: Same<
        Omit<v.InferOutput<typeof createVoiceCallSchema>, 'participants'>,
        Omit<CreateVoiceCallBody, 'participants'>
    >;
    update: Same<v.InferOutput<typeof updateVoiceCallSchema>, UpdateVoiceCallBody>;
    transcript: Same<
        Omit<v.InferOutput<typeof transcriptMessageSchema>, 'senderType'>,
        Omit<TranscriptMessageBody, 'senderType'>
    >;
    omniFlow: Same<v.InferOutput<typeof omniFlowSchema>, OmniFlowBody>;
};
/**
 * Exported only so that the compiler keeps the check (an unused local would be an error); nothing reads it.
 * @public
 */
export const schemasMatchTheContract: Schemas = { create: true, update: true, transcript: true, omniFlow: true };

/** One body problem as the emulator reports it: `$.field: what is wrong`. */
export function formatIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
    return issues.map((issue) => {
        const path = issue.path?.map((item) =>
            typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`
        );
        const where = `$${path?.join('') ?? ''}`;
        if (issue.kind === 'schema' && issue.type === 'strict_object' && path !== undefined) {
            if (issue.expected === 'never') return `${where}: unknown field`;
            if (issue.received === 'undefined') return `${where}: required`;
        }
        return `${where}: ${issue.message}`;
    });
}
