// The Telephony Integration REST API as the gateway uses it: request bodies and the client's contract. Facts from
// ../shared/reference/voice-platform.md §6 (Salesforce's "Using the Telephony Integration API" pages). Paths are
// relative to https://{MyDomain}.my.salesforce-scrt.com/telephony/v1. Where the reference marks a field
// [UNCONFIRMED], the comment says so.

/** POST /voiceCalls — Create a VoiceCall (inbound and transfer legs only; outbound is not supported). */
export interface CreateVoiceCallBody {
    callCenterApiName: string;
    vendorCallKey: string;
    to: string;
    from: string;
    initiationMethod: 'Inbound' | 'Transfer';
    /** UTC ISO 8601. */
    startTime: string;
    /** First entry is the end user: `{ participantKey, type: 'END_USER' }`. */
    participants: { participantKey: string; type: string }[];
    /** VoiceCall Id or vendorCallKey of the call this leg was transferred from; required for `Transfer`. */
    parentVoiceCallId?: string;
    callOrigin?: 'Preview' | 'Progressive' | 'Voicemail';
    /** Salesforce queue Id or vendor queue id mapped through CallCenterRoutingMap; Transfer only. */
    queue?: string;
    callSubtype?: 'PSTN' | 'WebRTC';
    /** A JSON **string** of field → value (standard `SourceType`, custom fields such as IVR data). */
    callAttributes?: string;
}

/** PATCH /voiceCalls/{vendorCallKey} — asynchronous; answers `{"status":"pending"}`. Send the totals once. */
export interface UpdateVoiceCallBody {
    startTime?: string;
    endTime?: string;
    enqueueTime?: string;
    acceptTime?: string;
    fromNumber?: string;
    totalHoldDuration?: number;
    longestHoldDuration?: number;
    numberOfHolds?: number;
    queue?: string;
    /** The agent's Salesforce username. */
    agent?: string;
    agentInteractionDuration?: number;
    callOrigin?: 'Preview' | 'Progressive' | 'Voicemail';
    /** Needed for any recording field; creates a VoiceCallRecording. */
    recordingLocation?: string;
    totalRecordingDuration?: number;
    callAttributes?: string;
    /** false closes the conversation when NextCallId is null, clears routing, sets CallDisposition `completed`. */
    isActiveCall?: boolean;
    disconnectReason?: { value: string; isError: boolean };
}

/**
 * POST /voiceCalls/{vendorCallKey}/messages — one transcript utterance. The key is the vendorCallKey of the first
 * VoiceCall of the conversation. Field list from the older doc and Salesforce's BYO demo [partly UNCONFIRMED].
 */
export interface TranscriptMessageBody {
    /** Unique per conversation: Salesforce's idempotency key for the message. */
    messageId: string;
    startTime: number;
    endTime: number;
    content: string;
    senderType: 'END_USER' | 'HUMAN_AGENT' | 'VIRTUAL_AGENT';
    /** END_USER → caller number; HUMAN_AGENT → agent username; VIRTUAL_AGENT → vendorCallKey. */
    participantId: string;
}

/** PATCH /voiceCalls/{id}/omniFlow — Execute Omni-Channel Flow. Answers `{ agent, queue }` (routing-map ids). */
export interface OmniFlowBody {
    /** Listed as required, but must be absent for a transfer to a flow. */
    dialedNumber?: string;
    flowDevName?: string;
    fallbackQueue?: string;
    flowInputParameters?: Record<string, unknown>;
}

/** One unit of work for Salesforce, as the outbox stores it. `callKey` is the vendorCallKey the path names. */
export type SalesforceJob =
    | { kind: 'createVoiceCall'; callKey: string; body: CreateVoiceCallBody }
    | { kind: 'updateVoiceCall'; callKey: string; body: UpdateVoiceCallBody }
    | { kind: 'createTranscript'; callKey: string; body: TranscriptMessageBody }
    | { kind: 'executeOmniFlow'; callKey: string; body: OmniFlowBody }
    | { kind: 'clearRouting'; callKey: string };

export type SalesforceJobKind = SalesforceJob['kind'];

/** What Salesforce answered, per job kind (bodies as the reference documents them). */
export interface SalesforceJobResult {
    /** HTTP status of the final attempt. */
    status: number;
    /** Create VoiceCall: the record id. */
    voiceCallId?: string;
    /** Execute Omni flow: routing-map ids of the agent and queue the flow chose. */
    agent?: string;
    queue?: string;
    /** Messages Salesforce returned alongside a success (automation errors do not stop Create). */
    warnings?: string[];
}

/**
 * Why a job did not succeed. `retryable` errors (network, timeout, 5xx, 429) are tried again by the caller;
 * the others (4xx: a body Salesforce refuses, a bad JWT) will not succeed by repetition.
 */
export class TelephonyApiError extends Error {
    override readonly name = 'TelephonyApiError';
    constructor(
        message: string,
        readonly retryable: boolean,
        readonly status?: number,
        /** From a 429's Retry-After header, in milliseconds. */
        readonly retryAfterMs?: number
    ) {
        super(message);
    }
}

/**
 * Sends one job to Salesforce. The outbox owns retries and their timing; an implementation may still retry short
 * waits inside one call (TelephonyApiClient: up to 3 tries, the reference's resiliency rule) and hands anything
 * longer back as a retryable TelephonyApiError.
 */
export interface TelephonyApi {
    send(job: SalesforceJob): Promise<SalesforceJobResult>;
}
