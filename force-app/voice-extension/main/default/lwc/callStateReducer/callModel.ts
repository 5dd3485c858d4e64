// The call model: what the reducer keeps about each call, and what the panel and the message contract read. Types
// and constants only, so that the reducer and what is derived from its state (callInsights) both build on it without
// importing each other.
import type { AudioQuality } from './audioQuality';
import type { CallDirection } from './toolkitEvents';
import type { TranscriptView } from './transcriptRing';

export type CallPhase = 'ringing' | 'connected' | 'onHold' | 'ended' | 'afterCallWork' | 'done';
export const CALL_PHASES: readonly CallPhase[] = ['ringing', 'connected', 'onHold', 'ended', 'afterCallWork', 'done'];

/** Order of phases: a call never moves to a lower rank. */
export const PHASE_RANK: Readonly<Record<CallPhase, number>> = {
    ringing: 0,
    connected: 1,
    onHold: 1,
    ended: 2,
    afterCallWork: 2,
    done: 3
};

export type ParticipantRole = 'initialCaller' | 'thirdParty';

export interface Participant {
    /** Identity used to match Toolkit events: the participant string, trimmed and lower-cased. */
    readonly key: string;
    /** What the Toolkit called them: a phone number or a quick-connect name. */
    readonly label: string;
    readonly role: ParticipantRole;
    readonly onHold: boolean;
    readonly present: boolean;
    readonly joinedAt: number;
    readonly leftAt: number | null;
}

export interface RaisedFlag {
    readonly id: string;
    readonly text: string | null;
    readonly raisedBy: string | null;
    readonly raisedAt: number;
}

export interface SupervisorNote {
    readonly id: string;
    readonly text: string | null;
    readonly senderRole: string | null;
    readonly senderName: string | null;
    readonly at: number;
}

export interface CallTimers {
    readonly startedAt: number;
    readonly connectedAt: number | null;
    readonly endedAt: number | null;
    readonly wrapUpEndedAt: number | null;
    /** Set while the initial caller is on hold. */
    readonly holdStartedAt: number | null;
    /** Completed hold time of the initial caller. */
    readonly totalHoldMs: number;
    readonly holdCount: number;
}

export interface CallState {
    readonly callId: string;
    readonly phase: CallPhase;
    readonly direction: CallDirection;
    /** The customer's number from callstarted/callconnected, when known. */
    readonly customerNumber: string | null;
    /** First seen in the middle of the call (the page loaded after it started). */
    readonly adopted: boolean;
    readonly participants: readonly Participant[];
    readonly muted: boolean;
    readonly recordingPaused: boolean;
    readonly transcript: TranscriptView;
    readonly flag: RaisedFlag | null;
    readonly notes: readonly SupervisorNote[];
    /** Recent flag/note message ids, for duplicate detection (bounded). */
    readonly messageIds: readonly string[];
    readonly audio: AudioQuality;
    readonly timers: CallTimers;
    readonly updatedAt: number;
    /** When the last swap was applied: a second swap right after it is a duplicate delivery, not a new swap. */
    readonly lastSwapAt: number | null;
}

export interface CallModelState {
    readonly calls: Readonly<Record<string, CallState>>;
    /** Call ids, oldest first. */
    readonly order: readonly string[];
    /** Ids of finished calls dropped from memory: late events for them are ignored, not adopted as new calls. */
    readonly retired: readonly string[];
}
