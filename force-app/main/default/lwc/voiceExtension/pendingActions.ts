// Toolkit actions in flight. A Toolkit call returns nothing documented: the answer is the Toolkit event that
// follows. From the click until then the button says what is happening ("Holding…") and ignores repeats, so a double
// click gives one hold, not two; an action with no answer within PENDING_TIMEOUT_MS is given up and reported.
//
// "Answered" is read from the call's state, not from event names: a hold event for the third party must not settle
// the caller's hold, and an event the reducer ignored as a duplicate still leaves the state that answers the click.
import { availableActions } from 'c/callStateReducer';
import type { CallState } from 'c/callStateReducer';
import type { ToolkitAction } from './voiceExtensionView';

/** Long enough for a real telephony round trip, short enough that the agent is not left guessing. */
export const PENDING_TIMEOUT_MS = 5000;

export const PENDING_LABELS: Readonly<Record<ToolkitAction, string>> = {
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

export interface PendingAction {
    readonly action: ToolkitAction;
    readonly callId: string;
    readonly since: number;
    /** swap is a toggle that stays available: it is answered when the call's last swap changes. */
    readonly swapAt: number | null;
}

export function isPending(pending: readonly PendingAction[], action: ToolkitAction): boolean {
    return pending.some((p) => p.action === action);
}

/** The click to start, or null when it must be ignored: already in flight, or not possible in this state. */
export function startAction(
    pending: readonly PendingAction[],
    action: ToolkitAction,
    call: CallState | null,
    now: number
): PendingAction | null {
    if (!call || isPending(pending, action) || !availableActions(call)[action]) return null;
    return { action, callId: call.callId, since: now, swapAt: call.lastSwapAt };
}

/** Whether the Toolkit has answered: the action no longer applies (the caller is held) or the call moved on. */
export function isAnswered(p: PendingAction, call: CallState | undefined): boolean {
    if (!call) return true;
    if (p.action === 'swap') return call.lastSwapAt !== p.swapAt || !availableActions(call).swap;
    return !availableActions(call)[p.action];
}

export interface Settled {
    readonly pending: readonly PendingAction[];
    /** Actions that got no answer in time, oldest first. */
    readonly expired: readonly ToolkitAction[];
}

/** Drops answered actions and those past their timeout. */
export function settle(
    pending: readonly PendingAction[],
    calls: Readonly<Record<string, CallState>>,
    now: number
): Settled {
    const still: PendingAction[] = [];
    const expired: ToolkitAction[] = [];
    for (const p of pending) {
        if (isAnswered(p, calls[p.callId])) continue;
        if (now - p.since >= PENDING_TIMEOUT_MS) expired.push(p.action);
        else still.push(p);
    }
    return { pending: still.length === pending.length ? pending : still, expired };
}

export function withoutAction(pending: readonly PendingAction[], action: ToolkitAction): readonly PendingAction[] {
    return isPending(pending, action) ? pending.filter((p) => p.action !== action) : pending;
}

export function noAnswerMessage(label: string): string {
    return `${label} got no answer from the softphone. Check the call and try again.`;
}
