// The messages Switchboard sends on the Lightning message channel ServiceCloudVoiceMessageChannel__c, replacing the
// iframe postMessage traffic of Open CTI adapters. One envelope, { source, type, payload, version }, for LWC,
// Aura and Visualforce subscribers:
// - every subscriber ignores messages from its own source (LMS delivers a publisher's messages back to it);
// - a message that does not match the contract is dropped with a reason, never half-used;
// - `version` lets an older subscriber skip messages it does not understand.
import type { CallDirection, CallPhase, CallState } from 'c/callStateReducer';

export const MESSAGE_VERSION = 1;

export const MESSAGE_SOURCES = {
    voiceExtension: 'SWITCHBOARD_VOICE_EXTENSION',
    callMonitor: 'SWITCHBOARD_CALL_MONITOR',
    visualforce: 'SWITCHBOARD_VISUALFORCE',
    /** The Partner Telephony connector, as its LMS bridge publishes it (the source the platform's docs use). */
    connector: 'CONNECTOR'
} as const;

/** callState: the extension's view of one call. callStateRequest: a subscriber that just loaded asks for it. */
export type MessageType = 'callState' | 'callStateRequest';

export interface CallStateParticipant {
    readonly label: string;
    readonly role: 'initialCaller' | 'thirdParty';
    readonly onHold: boolean;
    readonly present: boolean;
}

export interface CallStatePayload {
    /** The Toolkit callId, which is VoiceCall.VendorCallKey. */
    readonly callId: string;
    readonly phase: CallPhase;
    readonly direction: CallDirection;
    readonly customerNumber: string | null;
    readonly callerName: string | null;
    /** The VoiceCall record, once Apex has found it. */
    readonly voiceCallId: string | null;
    /** Records this call concerns: the matched caller, their account, related case/opportunity/lead. */
    readonly relatedRecordIds: readonly string[];
    readonly muted: boolean;
    readonly recordingPaused: boolean;
    readonly participants: readonly CallStateParticipant[];
    readonly audioRating: 'good' | 'fair' | 'poor' | 'unknown';
    readonly audioReasons: readonly string[];
    readonly flagRaised: boolean;
    readonly startedAt: number;
    readonly connectedAt: number | null;
    readonly endedAt: number | null;
    readonly holdStartedAt: number | null;
    readonly totalHoldMs: number;
    /** Identifies one running Voice Extension: its sequence numbers restart when it is reloaded. */
    readonly publisherId: string;
    /** Increases with every snapshot a publisher sends: subscribers drop older ones that arrive late. */
    readonly sequence: number;
}

export interface CallStateRequest {
    /** Ask about one call, or null for every call the extension knows. */
    readonly callId: string | null;
}

export interface VoiceMessage<T = unknown> {
    readonly source: string;
    readonly type: MessageType;
    readonly payload: T;
    readonly version: number;
}

export type ParsedMessage =
    | { readonly ok: true; readonly message: VoiceMessage<CallStatePayload> & { readonly type: 'callState' } }
    | { readonly ok: true; readonly message: VoiceMessage<CallStateRequest> & { readonly type: 'callStateRequest' } }
    | { readonly ok: false; readonly reason: string };

export interface CallContext {
    readonly voiceCallId: string | null;
    readonly relatedRecordIds: readonly string[];
    readonly callerName: string | null;
}

const PHASES = new Set(['ringing', 'connected', 'onHold', 'ended', 'afterCallWork', 'done']);
const DIRECTIONS = new Set(['inbound', 'outbound', 'unknown']);
const RATINGS = new Set(['good', 'fair', 'poor', 'unknown']);
const MAX_TEXT = 255;
const MAX_LIST = 50;

const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string =>
    typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;
const isTextOrNull = (value: unknown): value is string | null => value === null || isText(value);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isTimeOrNull = (value: unknown): value is number | null => value === null || isTime(value);

/** A message in the contract's envelope. */
export function createVoiceMessage<T>(source: string, type: MessageType, payload: T): VoiceMessage<T> {
    return { source, type, payload, version: MESSAGE_VERSION };
}

/** The snapshot of a call that the Voice Extension publishes (no transcript: LMS is for state, not streams). */
export function callStatePayload(
    call: CallState,
    context: CallContext,
    publisherId: string,
    sequence: number
): CallStatePayload {
    return {
        callId: call.callId,
        phase: call.phase,
        direction: call.direction,
        customerNumber: call.customerNumber,
        callerName: context.callerName,
        voiceCallId: context.voiceCallId,
        relatedRecordIds: [...new Set(context.relatedRecordIds.filter(isText))].slice(0, MAX_LIST),
        muted: call.muted,
        recordingPaused: call.recordingPaused,
        participants: call.participants
            .slice(0, MAX_LIST)
            .map((p) => ({ label: p.label, role: p.role, onHold: p.onHold, present: p.present })),
        audioRating: call.audio.rating,
        audioReasons: call.audio.reasons.slice(0, MAX_LIST),
        flagRaised: call.flag !== null,
        startedAt: call.timers.startedAt,
        connectedAt: call.timers.connectedAt,
        endedAt: call.timers.endedAt,
        holdStartedAt: call.timers.holdStartedAt,
        totalHoldMs: call.timers.totalHoldMs,
        publisherId,
        sequence
    };
}

function snapshotProblem(p: Record<string, unknown>): string | null {
    if (!isText(p.callId)) return 'callId';
    if (typeof p.phase !== 'string' || !PHASES.has(p.phase)) return 'phase';
    if (typeof p.direction !== 'string' || !DIRECTIONS.has(p.direction)) return 'direction';
    if (!isTextOrNull(p.customerNumber)) return 'customerNumber';
    if (!isTextOrNull(p.callerName)) return 'callerName';
    if (!isTextOrNull(p.voiceCallId)) return 'voiceCallId';
    if (!Array.isArray(p.relatedRecordIds) || p.relatedRecordIds.length > MAX_LIST || !p.relatedRecordIds.every(isText))
        return 'relatedRecordIds';
    if (typeof p.muted !== 'boolean') return 'muted';
    if (typeof p.recordingPaused !== 'boolean') return 'recordingPaused';
    if (
        !Array.isArray(p.participants) ||
        p.participants.length > MAX_LIST ||
        !p.participants.every(
            (x) =>
                isObject(x) &&
                typeof x.label === 'string' &&
                (x.role === 'initialCaller' || x.role === 'thirdParty') &&
                typeof x.onHold === 'boolean' &&
                typeof x.present === 'boolean'
        )
    ) {
        return 'participants';
    }
    if (typeof p.audioRating !== 'string' || !RATINGS.has(p.audioRating)) return 'audioRating';
    if (!Array.isArray(p.audioReasons) || !p.audioReasons.every((r) => typeof r === 'string')) return 'audioReasons';
    if (typeof p.flagRaised !== 'boolean') return 'flagRaised';
    if (!isTime(p.startedAt)) return 'startedAt';
    if (!isTimeOrNull(p.connectedAt)) return 'connectedAt';
    if (!isTimeOrNull(p.endedAt)) return 'endedAt';
    if (!isTimeOrNull(p.holdStartedAt)) return 'holdStartedAt';
    if (!isTime(p.totalHoldMs)) return 'totalHoldMs';
    if (!isText(p.publisherId)) return 'publisherId';
    if (!Number.isInteger(p.sequence) || (p.sequence as number) < 0) return 'sequence';
    return null;
}

/**
 * Checks a received LMS message against the contract.
 * @param ownSource the receiver's own source: its own messages come back and are dropped
 */
export function parseVoiceMessage(raw: unknown, ownSource: string): ParsedMessage {
    if (!isObject(raw)) return { ok: false, reason: 'not an object' };
    if (!isText(raw.source)) return { ok: false, reason: 'no source' };
    if (raw.source === ownSource) return { ok: false, reason: 'own message' };
    if (raw.version !== MESSAGE_VERSION) return { ok: false, reason: `unsupported version ${String(raw.version)}` };
    if (raw.type === 'callState') {
        if (!isObject(raw.payload)) return { ok: false, reason: 'callState without payload' };
        const problem = snapshotProblem(raw.payload);
        if (problem) return { ok: false, reason: `callState payload: invalid ${problem}` };
        return {
            ok: true,
            message: {
                source: raw.source,
                type: 'callState',
                payload: raw.payload as unknown as CallStatePayload,
                version: MESSAGE_VERSION
            }
        };
    }
    if (raw.type === 'callStateRequest') {
        const payload = isObject(raw.payload) ? raw.payload : {};
        const callId = payload.callId === undefined || payload.callId === null ? null : payload.callId;
        if (callId !== null && !isText(callId))
            return { ok: false, reason: 'callStateRequest payload: invalid callId' };
        return {
            ok: true,
            message: { source: raw.source, type: 'callStateRequest', payload: { callId }, version: MESSAGE_VERSION }
        };
    }
    return { ok: false, reason: `unknown type ${String(raw.type)}` };
}

/**
 * Whether a snapshot is newer than the last one seen for its call: a higher sequence from the same publisher, or any
 * snapshot from a publisher that replaced it (a reloaded Voice Extension starts counting again).
 */
export function isNewer(snapshot: CallStatePayload, previous: CallStatePayload | null | undefined): boolean {
    return !previous || previous.publisherId !== snapshot.publisherId || snapshot.sequence > previous.sequence;
}

/** Salesforce Ids compare on their case-sensitive 15-character form (18-character Ids add a checksum). */
export function sameRecordId(a: string | null | undefined, b: string | null | undefined): boolean {
    if (!a || !b || (a.length !== 15 && a.length !== 18) || (b.length !== 15 && b.length !== 18)) return false;
    return a.slice(0, 15) === b.slice(0, 15);
}

/** Whether a call concerns a record page: its VoiceCall, or one of the records the call is about. */
export function concernsRecord(
    snapshot: CallStatePayload,
    recordId: string | null | undefined,
    vendorCallKey: string | null | undefined
): boolean {
    if (vendorCallKey && snapshot.callId === vendorCallKey) return true;
    if (sameRecordId(snapshot.voiceCallId, recordId)) return true;
    return snapshot.relatedRecordIds.some((id) => sameRecordId(id, recordId));
}

// ---- the LMS bridge: connector ↔ page ---------------------------------------------------------------------------

/** Bounds the connector's agent-channel protocol puts on a relayed message (contracts/src/agent-channel.ts). */
const MAX_SOURCE = 64;
const MAX_TYPE = 128;

/** Any message in the envelope, whatever its type: the bridge relays types it does not itself understand. */
export interface RelayedMessage {
    readonly source: string;
    readonly type: string;
    readonly payload: unknown;
    readonly version: number;
}

export type RelayCheck =
    { readonly ok: true; readonly message: RelayedMessage } | { readonly ok: false; readonly reason: string };

function envelopeProblem(raw: Record<string, unknown>): string | null {
    if (typeof raw.type !== 'string' || raw.type.length === 0 || raw.type.length > MAX_TYPE)
        return `type must be text of 1 to ${MAX_TYPE} characters`;
    if (!Number.isInteger(raw.version) || (raw.version as number) < 1) return 'version must be a whole number from 1';
    return null;
}

/**
 * A page message on its way to the connector (the bridge's channel subscription): any well-formed envelope except
 * the connector's own, which the channel echoes back to the bridge.
 */
export function messageForConnector(raw: unknown): RelayCheck {
    if (!isObject(raw)) return { ok: false, reason: 'not an object' };
    if (typeof raw.source !== 'string' || raw.source.length === 0 || raw.source.length > MAX_SOURCE)
        return { ok: false, reason: `source must be text of 1 to ${MAX_SOURCE} characters` };
    if (raw.source === MESSAGE_SOURCES.connector) return { ok: false, reason: 'own message' };
    const problem = envelopeProblem(raw);
    if (problem) return { ok: false, reason: problem };
    return {
        ok: true,
        message: { source: raw.source, type: raw.type as string, payload: raw.payload, version: raw.version as number }
    };
}

/**
 * A connector message on its way to the page (the bridge's publishMessage): the envelope, stamped with the
 * connector's source whatever the telephony side put there, so that subscribers can tell it apart and the bridge
 * never relays it back.
 */
export function messageFromConnector(raw: unknown): RelayCheck {
    if (!isObject(raw)) return { ok: false, reason: 'not an object' };
    const problem = envelopeProblem(raw);
    if (problem) return { ok: false, reason: problem };
    return {
        ok: true,
        message: {
            source: MESSAGE_SOURCES.connector,
            type: raw.type as string,
            payload: raw.payload,
            version: raw.version as number
        }
    };
}
