// Generated from pendingActions.ts by `npm run build`. Do not edit: change the .ts and rebuild.
// Toolkit actions in flight. A Toolkit call returns nothing documented: the answer is the Toolkit event that
// follows. From the click until then the button says what is happening ("Holding…") and ignores repeats, so a double
// click gives one hold, not two; an action with no answer within PENDING_TIMEOUT_MS is given up and reported.
//
// "Answered" is read from the call's state, not from event names: a hold event for the third party must not settle
// the caller's hold, and an event the reducer ignored as a duplicate still leaves the state that answers the click.
import { availableActions } from 'c/callStateReducer';
/** Long enough for a real telephony round trip, short enough that the agent is not left guessing. */
export const PENDING_TIMEOUT_MS = 5000;
export const PENDING_LABELS = {
    mute: 'Muting…',
    unmute: 'Unmuting…',
    holdCaller: 'Holding…',
    resumeCaller: 'Resuming…',
    holdThirdParty: 'Holding third party…',
    resumeThirdParty: 'Resuming third party…',
    merge: 'Merging…',
    swap: 'Swapping…',
    pauseRecording: 'Pausing recording…',
    resumeRecording: 'Resuming recording…',
    endCall: 'Ending…',
    removeThirdParty: 'Dropping third party…',
    removeCaller: 'Dropping caller…'
};
export function isPending(pending, action) {
    return pending.some((p) => p.action === action);
}
/** The click to start, or null when it must be ignored: already in flight, or not possible in this state. */
export function startAction(pending, action, call, now) {
    if (!call || isPending(pending, action) || !availableActions(call)[action]) return null;
    return { action, callId: call.callId, since: now, swapAt: call.lastSwapAt };
}
/** Whether the Toolkit has answered: the action no longer applies (the caller is held) or the call moved on. */
export function isAnswered(p, call) {
    if (!call) return true;
    if (p.action === 'swap') return call.lastSwapAt !== p.swapAt || !availableActions(call).swap;
    return !availableActions(call)[p.action];
}
/** Drops answered actions and those past their timeout. */
export function settle(pending, calls, now) {
    const still = [];
    const expired = [];
    for (const p of pending) {
        if (isAnswered(p, calls[p.callId])) continue;
        if (now - p.since >= PENDING_TIMEOUT_MS) expired.push(p.action);
        else still.push(p);
    }
    return { pending: still.length === pending.length ? pending : still, expired };
}
export function withoutAction(pending, action) {
    return isPending(pending, action) ? pending.filter((p) => p.action !== action) : pending;
}
export function noAnswerMessage(label) {
    return `${label} got no answer from the softphone. Check the call and try again.`;
}
