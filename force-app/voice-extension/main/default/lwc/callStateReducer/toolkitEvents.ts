// The 19 Voice Toolkit events documented for LWC, and a parser from their raw `event.detail` to typed events.
// Payload fields follow Salesforce's LWC telephony events page (../shared/reference/voice-platform.md §1.3).
// The docs warn that extra, system-generated properties can appear: they are ignored, never rejected.
// A payload that lacks what the model needs is rejected with a reason; the reducer then leaves state untouched.

export const TOOLKIT_EVENT_NAMES = [
    'audiostats',
    'callstarted',
    'callconnected',
    'callended',
    'hold',
    'resume',
    'mute',
    'unmute',
    'participantadded',
    'participantremoved',
    'conference',
    'swap',
    'pauserecording',
    'resumerecording',
    'transcript',
    'wrapupended',
    'flagraise',
    'flaglower',
    'note'
] as const;

export type ToolkitEventName = (typeof TOOLKIT_EVENT_NAMES)[number];

export type CallDirection = 'inbound' | 'outbound' | 'unknown';

interface WithCall {
    readonly callId: string;
}

export type CallLifecycleEvent = WithCall & {
    readonly name: 'callstarted' | 'callconnected';
    readonly direction: CallDirection;
    /** The other party's phone number, as the Toolkit reports it. */
    readonly participant: string | null;
};

export type ParticipantEvent = WithCall & {
    readonly name: 'hold' | 'resume' | 'participantadded' | 'participantremoved';
    /** Phone number or (Amazon) quick-connect name; null when the payload did not say. */
    readonly participant: string | null;
};

export type SimpleCallEvent = WithCall & {
    readonly name:
        'callended' | 'mute' | 'unmute' | 'conference' | 'swap' | 'pauserecording' | 'resumerecording' | 'wrapupended';
};

export type AudioStatsEvent = WithCall & {
    readonly name: 'audiostats';
    readonly channel: 'input' | 'output';
    readonly packetsLost: number;
    readonly packetsCount: number;
    readonly jitterBufferMillis: number;
    readonly roundTripTimeMillis: number;
};

export type ConversationEvent = WithCall & {
    readonly name: 'transcript' | 'flagraise' | 'flaglower' | 'note';
    /** Message id: the key for duplicate detection. */
    readonly id: string;
    readonly text: string | null;
    readonly senderRole: string | null;
    readonly senderName: string | null;
    /** When the sender sent it (ms since epoch), when the payload says so. */
    readonly sentAt: number | null;
};

export type ToolkitEvent =
    CallLifecycleEvent | ParticipantEvent | SimpleCallEvent | AudioStatsEvent | ConversationEvent;

export type ParseResult =
    { readonly ok: true; readonly event: ToolkitEvent } | { readonly ok: false; readonly reason: string };

/** VendorCallKey is a string(255): a longer call id cannot be a real one. */
const MAX_CALL_ID_LENGTH = 255;
const MAX_TEXT_LENGTH = 10000;

const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

const NAMES = new Set<string>(TOOLKIT_EVENT_NAMES);

export function isToolkitEventName(name: unknown): name is ToolkitEventName {
    return typeof name === 'string' && NAMES.has(name);
}

function text(value: unknown, max = MAX_TEXT_LENGTH): string | null {
    if (typeof value !== 'string') return null;
    const trimmed = value.trim();
    return trimmed ? trimmed.slice(0, max) : null;
}

function count(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function timestamp(value: unknown): number | null {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

function direction(value: unknown): CallDirection {
    const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
    return v === 'inbound' || v === 'outbound' ? v : 'unknown';
}

const fail = (reason: string): ParseResult => ({ ok: false, reason });

/**
 * Validates a Toolkit event.
 * @param name  the DOM event's type (lower-case LWC name)
 * @param detail the DOM event's detail
 */
export function parseToolkitEvent(name: unknown, detail: unknown): ParseResult {
    if (!isToolkitEventName(name)) return fail(`not a Voice Toolkit event: ${String(name)}`);
    if (!isObject(detail)) return fail(`${name}: detail is not an object`);
    const callId = text(detail.callId, Number.POSITIVE_INFINITY);
    if (!callId) return fail(`${name}: callId is missing`);
    if (callId.length > MAX_CALL_ID_LENGTH)
        return fail(`${name}: callId is longer than ${MAX_CALL_ID_LENGTH} characters`);

    switch (name) {
        case 'callstarted':
        case 'callconnected':
            return {
                ok: true,
                event: {
                    name,
                    callId,
                    direction: direction(detail.callType),
                    participant: text(detail.participant, 255)
                }
            };
        case 'hold':
        case 'resume':
        case 'participantadded':
        case 'participantremoved':
            return { ok: true, event: { name, callId, participant: text(detail.participant, 255) } };
        case 'audiostats': {
            const channel =
                detail.stats === 'inputChannelStats'
                    ? 'input'
                    : detail.stats === 'outputChannelStats'
                      ? 'output'
                      : null;
            if (!channel) return fail('audiostats: stats is neither inputChannelStats nor outputChannelStats');
            const packetsLost = count(detail.packetsLost);
            const packetsCount = count(detail.packetsCount);
            const jitterBufferMillis = count(detail.jitterBufferMillis);
            const roundTripTimeMillis = count(detail.roundTripTimeMillis);
            if (
                packetsLost === null ||
                packetsCount === null ||
                jitterBufferMillis === null ||
                roundTripTimeMillis === null
            ) {
                return fail(
                    'audiostats: packetsLost, packetsCount, jitterBufferMillis and roundTripTimeMillis must be non-negative numbers'
                );
            }
            if (packetsLost > packetsCount) return fail('audiostats: packetsLost exceeds packetsCount');
            return {
                ok: true,
                event: { name, callId, channel, packetsLost, packetsCount, jitterBufferMillis, roundTripTimeMillis }
            };
        }
        case 'transcript':
        case 'flagraise':
        case 'flaglower':
        case 'note': {
            const id = text(detail.id, MAX_CALL_ID_LENGTH);
            if (!id) return fail(`${name}: id is missing`);
            const content = isObject(detail.content) ? detail.content : {};
            const sender = isObject(detail.sender) ? detail.sender : {};
            const body = text(content.text);
            if (name === 'transcript' && !body) return fail('transcript: content.text is missing');
            return {
                ok: true,
                event: {
                    name,
                    callId,
                    id,
                    text: body,
                    senderRole: text(sender.role, 80),
                    senderName: text(sender.displayName, 255),
                    sentAt: timestamp(detail.clientSentTimestamp) ?? timestamp(detail.serverReceivedTimestamp)
                }
            };
        }
        default:
            return { ok: true, event: { name, callId } };
    }
}
