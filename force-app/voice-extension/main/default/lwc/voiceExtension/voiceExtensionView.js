// Generated from voiceExtensionView.ts by `npm run build`. Do not edit: change the .ts and rebuild.
// What the panel shows, computed once per change from the call, the caller context and the clock. Pure: the
// component stores the result and the template only reads it.
import {
    AUDIO_LABELS,
    MUTED_LABEL,
    PARTICIPANT_STATUS_LABELS,
    PHASE_LABELS,
    callDurations,
    formatDuration,
    isLive,
    participantStatus,
    transcriptLines
} from 'c/callStateReducer';
import { summarizeAudio } from './audioSummary';
const PHASE_CLASSES = {
    ringing: 'slds-badge slds-theme_warning',
    connected: 'slds-badge slds-theme_success',
    onHold: 'slds-badge slds-theme_warning',
    ended: 'slds-badge',
    afterCallWork: 'slds-badge slds-badge_inverse',
    done: 'slds-badge'
};
const AUDIO_CLASSES = {
    good: 'audio audio_good',
    fair: 'audio audio_fair',
    poor: 'audio audio_poor',
    unknown: 'audio audio_unknown'
};
const OBJECT_LABELS = {
    Case: 'Case',
    Opportunity: 'Opportunity',
    Lead: 'Lead',
    Contact: 'Contact',
    Account: 'Account'
};
export { formatDuration };
/**
 * Who said a transcript line, in the agent's words. Salesforce documents the roles Agent and Supervisor; the role of
 * the customer's lines is not documented (voice-platform.md §11 #24), so any other role reads as the customer.
 */
const SPEAKERS = {
    Agent: 'Agent',
    Supervisor: 'Supervisor',
    VirtualAgent: 'Virtual agent'
};
function speakerLabel(role) {
    return (role && SPEAKERS[role]) ?? 'Customer';
}
/** hh:mm in the agent's locale, for transcript and note times. */
export function formatClock(at) {
    const d = new Date(at);
    return Number.isNaN(d.getTime())
        ? ''
        : `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
function timerLabel(call, now) {
    const d = callDurations(call, now);
    switch (call.phase) {
        case 'ringing':
            return `Ringing ${formatDuration(d.ringingMs)}`;
        case 'connected':
            return `Talking ${formatDuration(d.talkMs)}`;
        case 'onHold':
            // the agent is not talking to anyone while everyone is held
            return `Call ${formatDuration(d.talkMs)}`;
        case 'afterCallWork':
        case 'done':
            return `Wrap-up ${formatDuration(d.wrapUpMs)} · call ${formatDuration(d.talkMs)}`;
        default:
            return `Call ${formatDuration(d.talkMs)}`;
    }
}
/** Shown beside the number while the caller is being looked up: the same line, so nothing moves when it resolves. */
const LOOKING_UP_CALLER = 'Looking up the caller…';
function callerLabel(call, caller, lookingUp) {
    const related = caller?.relatedRecord;
    if (related?.label)
        return {
            label: related.label,
            hint: related.objectApiName ? (OBJECT_LABELS[related.objectApiName] ?? related.objectApiName) : null
        };
    const match = caller?.match;
    if (match?.name) {
        const also =
            match.candidateCount && match.candidateCount > 1 ? `, best of ${match.candidateCount} matches` : '';
        return {
            label: match.name,
            hint: `${OBJECT_LABELS[match.objectApiName] ?? match.objectApiName}${match.accountName ? ` at ${match.accountName}` : ''}${also}`
        };
    }
    return {
        label: call.customerNumber ?? 'Unknown caller',
        hint: caller ? 'No matching contact, lead or account' : lookingUp ? LOOKING_UP_CALLER : null
    };
}
function recordLinks(caller) {
    if (!caller) return [];
    const links = [];
    const seen = new Set();
    const add = (ref, fallbackObject) => {
        if (!ref?.id || seen.has(ref.id)) return;
        seen.add(ref.id);
        const objectApiName = ref.objectApiName ?? fallbackObject;
        links.push({
            key: ref.id,
            recordId: ref.id,
            objectLabel: OBJECT_LABELS[objectApiName] ?? objectApiName,
            label: ref.label ?? objectApiName
        });
    };
    add(caller.relatedRecord, 'Record');
    if (caller.match)
        add(
            { id: caller.match.recordId, label: caller.match.name, objectApiName: caller.match.objectApiName },
            caller.match.objectApiName
        );
    if (caller.match?.accountId)
        add({ id: caller.match.accountId, label: caller.match.accountName, objectApiName: 'Account' }, 'Account');
    add(caller.caseRecord, 'Case');
    add(caller.opportunity, 'Opportunity');
    add(caller.lead, 'Lead');
    return links;
}
const PARTICIPANT_CLASSES = {
    ringing: 'slds-badge',
    connected: 'slds-badge slds-theme_success',
    onHold: 'slds-badge slds-theme_warning'
};
const IDLE = {
    hasCall: false,
    callId: null,
    phaseLabel: 'No call',
    phaseClass: 'slds-badge',
    directionLabel: '',
    numberLabel: '',
    callerLabel: '',
    callerHint: null,
    records: [],
    hasRecords: false,
    timerLabel: '',
    holdLabel: null,
    audioLabel: AUDIO_LABELS.unknown,
    audioClass: AUDIO_CLASSES.unknown,
    audioHint: null,
    audioTitle: null,
    flagText: null,
    mutedLabel: null,
    participants: [],
    notes: [],
    hasNotes: false,
    showTranscript: false,
    transcript: [],
    hasTranscript: false,
    recordingLabel: null,
    showWrapUp: false,
    wrapUpNotice: null,
    wrapUpDone: false
};
/** The whole panel for one call (or the idle panel). */
export function buildView({ call, caller, now, showTranscript, unsavedWrapUp = false, lookingUpCaller = false }) {
    if (!call) return IDLE;
    const durations = callDurations(call, now);
    const who = callerLabel(call, caller, lookingUpCaller);
    const records = recordLinks(caller);
    const audio = summarizeAudio(call.audio);
    const transcript = showTranscript
        ? transcriptLines(call.transcript).map((l) => ({
              key: l.id,
              speaker: speakerLabel(l.senderRole),
              text: l.text,
              time: formatClock(l.at)
          }))
        : [];
    const notes = call.notes.map((n) => ({
        key: n.id,
        text: n.text ?? '',
        from: n.senderName ?? n.senderRole ?? 'Supervisor',
        time: formatClock(n.at)
    }));
    return {
        hasCall: true,
        callId: call.callId,
        phaseLabel: PHASE_LABELS[call.phase],
        phaseClass: PHASE_CLASSES[call.phase],
        directionLabel: call.direction === 'inbound' ? 'Inbound' : call.direction === 'outbound' ? 'Outbound' : '',
        numberLabel: call.customerNumber ?? '',
        callerLabel: who.label,
        callerHint: who.hint,
        records,
        hasRecords: records.length > 0,
        timerLabel: timerLabel(call, now),
        holdLabel: durations.holdMs > 0 ? `Hold ${formatDuration(durations.holdMs)} (${call.timers.holdCount}×)` : null,
        audioLabel: audio.label,
        audioClass: AUDIO_CLASSES[call.audio.rating],
        audioHint: audio.hint,
        audioTitle: audio.title,
        flagText: call.flag
            ? `Help flag raised${call.flag.raisedBy ? ` by ${call.flag.raisedBy}` : ''}${call.flag.text ? `: ${call.flag.text}` : ''}`
            : null,
        mutedLabel: call.muted && isLive(call) ? MUTED_LABEL : null,
        participants: call.participants
            .filter((p) => p.present)
            .map((p) => {
                const status = participantStatus(call, p);
                return {
                    key: p.key,
                    label: p.label,
                    roleLabel: p.role === 'initialCaller' ? 'Caller' : 'Third party',
                    statusLabel: PARTICIPANT_STATUS_LABELS[status],
                    statusClass: PARTICIPANT_CLASSES[status]
                };
            }),
        notes,
        hasNotes: notes.length > 0,
        showTranscript,
        transcript,
        hasTranscript: transcript.length > 0,
        recordingLabel: call.recordingPaused && isLive(call) ? 'Recording paused' : null,
        // After-call work may end (its timer, a supervisor) before the agent saved: the form stays until they do.
        showWrapUp:
            call.phase === 'afterCallWork' || call.phase === 'ended' || (call.phase === 'done' && unsavedWrapUp),
        wrapUpNotice:
            call.phase === 'done' && unsavedWrapUp
                ? 'After-call work has ended and this wrap-up is not saved yet. Save it so it is not lost.'
                : null,
        wrapUpDone: call.phase === 'done'
    };
}
/** VoiceCall.Description holds at most 32,000 characters. */
export const MAX_NOTES_LENGTH = 32000;
/** Why the wrap-up cannot be saved yet, in a few words shown beside Save; null when it can. */
export function wrapUpProblem(disposition, notes, maxNotes = MAX_NOTES_LENGTH) {
    if (!disposition.trim()) return 'Choose a disposition to save.';
    if (notes.length > maxNotes) return `Shorten the notes to ${maxNotes} characters to save.`;
    return null;
}
/** Every unsaved draft except the one the form shows, the most recently edited first. */
export function unsavedDraftViews(entries, shownCallId, statuses = {}) {
    return entries
        .filter((e) => e.callId !== shownCallId)
        .map(({ callId, draft }, index) => {
            const who = draft.callerLabel ?? draft.customerNumber ?? 'Unknown caller';
            const time = formatClock(draft.updatedAt);
            const reason = wrapUpProblem(draft.disposition, draft.notes);
            const status = statuses[callId];
            const saving = status?.saving === true;
            return {
                key: callId,
                callId,
                heading: `Unsaved wrap-up: ${who}${time ? `, ${time}` : ''}`,
                disposition: draft.disposition,
                notes: draft.notes,
                reason,
                reasonId: reason === null ? null : `draft-reason-${index}`,
                saveDisabled: saving || reason !== null,
                saveLabel: saving ? 'Saving…' : 'Save draft',
                message: status && !saving ? status.message : '',
                detail: status && !saving ? status.detail : ''
            };
        });
}
const str = (value) => (typeof value === 'string' && value ? value : null);
const obj = (value) => (value && typeof value === 'object' && !Array.isArray(value) ? value : null);
function toRecordRef(value) {
    const o = obj(value);
    const id = str(o?.id);
    return o && id ? { id, label: str(o.label), objectApiName: str(o.objectApiName) } : null;
}
/** The Apex CallerContext as the panel uses it; anything unexpected becomes null, never an exception. */
export function toCallerContext(raw) {
    const o = obj(raw) ?? {};
    const m = obj(o.match);
    const recordId = str(m?.recordId);
    return {
        voiceCallFound: o.voiceCallFound === true,
        voiceCallId: str(o.voiceCallId),
        relatedRecord: toRecordRef(o.relatedRecord),
        caseRecord: toRecordRef(o.caseRecord),
        opportunity: toRecordRef(o.opportunity),
        lead: toRecordRef(o.lead),
        disposition: str(o.disposition),
        notes: str(o.notes),
        match:
            m && recordId
                ? {
                      recordId,
                      objectApiName: str(m.objectApiName) ?? 'Record',
                      name: str(m.name),
                      accountId: str(m.accountId),
                      accountName: str(m.accountName),
                      candidateCount: typeof m.candidateCount === 'number' ? m.candidateCount : null
                  }
                : null,
        relatedRecordIds: Array.isArray(o.relatedRecordIds)
            ? o.relatedRecordIds.filter((id) => typeof id === 'string' && id.length > 0)
            : []
    };
}
