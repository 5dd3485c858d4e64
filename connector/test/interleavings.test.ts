// Property: random interleavings of Salesforce requests and telephony events, through the real library, never
// throw unhandled, never announce a change twice, and leave the call store consistent with the telephony side.
import { type Rig, startRig } from './harness.js';
import type { TimelineEntry } from './salesforce-host.js';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';

type Action =
    | { kind: 'ring' }
    | { kind: 'answerRemote'; pick: number }
    | { kind: 'hangUpRemote'; pick: number }
    | { kind: 'muteRemote'; muted: boolean }
    | { kind: 'holdRemote'; pick: number; onHold: boolean }
    | { kind: 'legAnswered'; pick: number }
    | { kind: 'salesforce'; type: string; pick: number; pick2: number; flag: boolean };

const SALESFORCE = [
    'ACCEPT_CALL',
    'DECLINE_CALL',
    'END_CALL',
    'END_CALL_PARTIAL',
    'MUTE',
    'UNMUTE',
    'HOLD',
    'RESUME',
    'DIAL',
    'ADD_PARTICIPANT',
    'SWAP_PARTICIPANTS',
    'CONFERENCE',
    'PAUSE_RECORDING',
    'AGENT_AVAILABLE',
    'WRAP_UP_CALL'
];

const actionArb: fc.Arbitrary<Action> = fc.oneof(
    fc.constant({ kind: 'ring' as const }),
    fc.record({ kind: fc.constant('answerRemote' as const), pick: fc.nat(3) }),
    fc.record({ kind: fc.constant('hangUpRemote' as const), pick: fc.nat(3) }),
    fc.record({ kind: fc.constant('muteRemote' as const), muted: fc.boolean() }),
    fc.record({ kind: fc.constant('holdRemote' as const), pick: fc.nat(3), onHold: fc.boolean() }),
    fc.record({ kind: fc.constant('legAnswered' as const), pick: fc.nat(3) }),
    fc.record({
        kind: fc.constant('salesforce' as const),
        type: fc.constantFrom(...SALESFORCE),
        pick: fc.nat(3),
        pick2: fc.nat(3),
        flag: fc.boolean()
    })
);

function salesforceMessage(rig: Rig, a: Extract<Action, { kind: 'salesforce' }>): Record<string, unknown> {
    const calls = rig.connector.calls;
    const call = calls.length ? { callId: calls[a.pick % calls.length]!.callId } : { callId: 'none' };
    const other = calls.length ? { callId: calls[a.pick2 % calls.length]!.callId } : { callId: 'none' };
    switch (a.type) {
        case 'END_CALL_PARTIAL':
            return { type: 'END_CALL', call: { callAttributes: { participantType: 'Initial_Caller' } } };
        case 'DIAL':
            return { type: 'DIAL', contact: { phoneNumber: a.flag ? '+14155550142' : '+99900' } };
        case 'ADD_PARTICIPANT':
            return { type: 'ADD_PARTICIPANT', contact: { phoneNumber: '+14155550177' }, call, isBlindTransfer: a.flag };
        case 'SWAP_PARTICIPANTS':
            return { type: 'SWAP_PARTICIPANTS', callToHold: call, callToResume: other };
        case 'CONFERENCE':
            return { type: 'CONFERENCE', calls: calls.map((c) => ({ callId: c.callId })) };
        case 'AGENT_AVAILABLE':
            return { type: 'AGENT_AVAILABLE', isAvailable: true };
        default:
            return { type: a.type, call };
    }
}

function perform(rig: Rig, action: Action): void {
    const g = rig.gateway;
    const ids = [...g.calls.keys()];
    const pick = (n: number) => ids[n % Math.max(ids.length, 1)];
    switch (action.kind) {
        case 'ring':
            if (g.calls.size < 3) g.ring();
            return;
        case 'answerRemote': {
            const id = pick(action.pick);
            if (id && g.calls.get(id)?.state === 'ringing' && g.calls.get(id)?.callType === 'Outbound') g.answer(id);
            return;
        }
        case 'hangUpRemote': {
            const id = pick(action.pick);
            if (id) g.hangUp(id);
            return;
        }
        case 'muteRemote':
            g.setMutedRemotely(action.muted);
            return;
        case 'holdRemote': {
            const id = pick(action.pick);
            if (id) g.setHoldRemotely(id, action.onHold);
            return;
        }
        case 'legAnswered': {
            const id = pick(action.pick);
            if (id && g.calls.get(id)?.state === 'transferring') g.legAnswered(id);
            return;
        }
        case 'salesforce':
            rig.host.send(salesforceMessage(rig, action));
    }
}

/**
 * Per call: at most one start, one connect, one hang-up, one after-call work; no repeated mute state. The framework
 * answers every MUTE/UNMUTE request with a MUTE_TOGGLE, even when the state did not change (two clicks, or a mute
 * change from the telephony side that the connector published just before the request). So a repeated mute state
 * is a duplicate only when no request is waiting for its answer.
 */
function duplicates(timeline: readonly TimelineEntry[]): string[] {
    const seen = new Map<string, number>();
    const out: string[] = [];
    const once = (key: string) => {
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (seen.get(key) === 2) out.push(key);
    };
    let muted: boolean | undefined;
    let unansweredMuteRequests = 0;
    for (const entry of timeline) {
        if ('sent' in entry) {
            if (entry.sent === 'MUTE' || entry.sent === 'UNMUTE') unansweredMuteRequests++;
            continue;
        }
        const e = entry.event;
        const p = e.payload as { callId?: string; isMuted?: boolean; isReplayedCall?: boolean } | { callId: string }[];
        if (Array.isArray(p)) for (const c of p) once(`${e.type}:${c.callId}`);
        else if (e.type === 'MUTE_TOGGLE') {
            if (p.isMuted === muted && unansweredMuteRequests === 0)
                out.push(`MUTE_TOGGLE repeated isMuted=${String(muted)}`);
            // while a request is in flight the connector leaves mute events to the framework: this is its answer
            if (unansweredMuteRequests > 0) unansweredMuteRequests--;
            muted = p.isMuted;
        } else if (['CALL_STARTED', 'CALL_CONNECTED', 'AFTER_CALL_WORK_STARTED'].includes(e.type) && !p.isReplayedCall)
            once(`${e.type}:${p.callId}`);
        else if (e.type === 'HANGUP') once(`HANGUP:${p.callId}`);
    }
    return out;
}

describe('random interleavings', () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    after(() => process.off('unhandledRejection', onUnhandled));

    it('never throw, never duplicate, and leave the store in step with the telephony side', async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.array(fc.record({ action: actionArb, wait: fc.boolean() }), { minLength: 1, maxLength: 25 }),
                async (steps) => {
                    const rig = await startRig();
                    try {
                        for (const { action, wait } of steps) {
                            perform(rig, action);
                            if (wait) await rig.settle();
                        }
                        await rig.settle();
                        await rig.settle();
                        assert.deepEqual(unhandled, []);
                        const timeline = rig.host.timeline();
                        assert.deepEqual(
                            duplicates(timeline),
                            [],
                            JSON.stringify(timeline.map((e) => ('sent' in e ? `sent ${e.sent}` : e.event.type)))
                        );
                        assert.deepEqual(rig.connector.storeProblems(), []);
                        const view = (calls: Iterable<{ callId: string; state: string; isOnHold: boolean }>) =>
                            [...calls].map((c) => `${c.callId}:${c.state}:${c.isOnHold}`).sort();
                        assert.deepEqual(view(rig.connector.calls), view(rig.gateway.calls.values()));
                    } finally {
                        rig.stop();
                    }
                }
            ),
            { numRuns: 40 }
        );
    });
});
