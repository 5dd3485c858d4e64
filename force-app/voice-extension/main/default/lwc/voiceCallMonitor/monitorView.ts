// What the record-page monitor shows: the live call that concerns the page's record, from the Voice Extension's
// snapshots on the message channel. Pure, so the component only stores and renders the result.
import { AUDIO_LABELS, PHASE_LABELS, formatDuration } from 'c/callStateReducer';
import { concernsRecord } from 'c/voiceMessageContract';
import type { CallStatePayload } from 'c/voiceMessageContract';

export interface MonitorView {
    readonly visible: boolean;
    readonly title: string;
    readonly phaseLabel: string;
    readonly who: string;
    readonly number: string;
    readonly directionLabel: string;
    readonly timerLabel: string;
    readonly holdLabel: string | null;
    readonly states: readonly string[];
    readonly hasStates: boolean;
    readonly audioLabel: string;
    readonly audioDetail: string;
    readonly participants: readonly { key: string; text: string }[];
}

const HIDDEN: MonitorView = {
    visible: false,
    title: '',
    phaseLabel: '',
    who: '',
    number: '',
    directionLabel: '',
    timerLabel: '',
    holdLabel: null,
    states: [],
    hasStates: false,
    audioLabel: '',
    audioDetail: '',
    participants: []
};

/** The newest call that concerns the record and is not finished yet. */
export function pickCall(
    snapshots: Iterable<CallStatePayload>,
    recordId: string | null | undefined,
    vendorCallKey: string | null | undefined
): CallStatePayload | null {
    let best: CallStatePayload | null = null;
    for (const s of snapshots) {
        if (s.phase === 'done' || !concernsRecord(s, recordId, vendorCallKey)) continue;
        if (!best || s.startedAt > best.startedAt) best = s;
    }
    return best;
}

export function buildMonitorView(snapshot: CallStatePayload | null, now: number): MonitorView {
    if (!snapshot) return HIDDEN;
    const end = snapshot.endedAt ?? now;
    const talking = snapshot.connectedAt === null ? 0 : Math.max(0, end - snapshot.connectedAt);
    const holdMs =
        snapshot.totalHoldMs + (snapshot.holdStartedAt === null ? 0 : Math.max(0, end - snapshot.holdStartedAt));
    const states = [
        snapshot.muted ? 'Agent muted' : null,
        snapshot.recordingPaused ? 'Recording paused' : null,
        snapshot.flagRaised ? 'Help flag raised' : null
    ].filter((s): s is string => s !== null);
    const live = snapshot.phase === 'ringing' || snapshot.phase === 'connected' || snapshot.phase === 'onHold';
    return {
        visible: true,
        title: live ? 'Live call' : 'Call in wrap-up',
        phaseLabel: PHASE_LABELS[snapshot.phase],
        who: snapshot.callerName ?? snapshot.customerNumber ?? 'Unknown caller',
        number: snapshot.callerName && snapshot.customerNumber ? snapshot.customerNumber : '',
        directionLabel:
            snapshot.direction === 'inbound' ? 'Inbound' : snapshot.direction === 'outbound' ? 'Outbound' : '',
        timerLabel:
            snapshot.connectedAt === null
                ? `Ringing ${formatDuration(end - snapshot.startedAt)}`
                : // on hold nobody is talking: the same words as the Voice Extension's timer
                  `${snapshot.phase === 'onHold' ? 'Call' : live ? 'Talking' : 'Talked'} ${formatDuration(talking)}`,
        holdLabel: holdMs > 0 ? `On hold ${formatDuration(holdMs)} in total` : null,
        states,
        hasStates: states.length > 0,
        audioLabel: AUDIO_LABELS[snapshot.audioRating],
        audioDetail: snapshot.audioReasons.join(' · '),
        participants: snapshot.participants
            .filter((p) => p.present)
            .map((p, i) => ({
                key: `${i}-${p.label}`,
                text: `${p.role === 'initialCaller' ? 'Caller' : 'Third party'} ${p.label}${p.onHold ? ' (on hold)' : ''}`
            }))
    };
}
