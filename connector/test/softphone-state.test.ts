// The telephony → Salesforce fold on its own: plain snapshots in, announcements out, no library, no gateway.
import type { CallSnapshot, Snapshot } from '@switchboard/contracts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Announcement, SoftphoneState } from '../src/softphone-state.js';

let next = 1;
export const newCall = (partial: Partial<CallSnapshot> = {}): CallSnapshot => ({
    callId: `call-${next}`,
    callType: 'Inbound',
    participantType: 'Initial_Caller',
    state: 'ringing',
    phoneNumber: '+14155550100',
    isOnHold: false,
    isRecordingPaused: false,
    startedAt: 1_700_000_000_000 + next++,
    ...partial
});

const names = (announcements: Announcement[]): string[] =>
    announcements.map((a) => ('callId' in a ? `${a.event} ${a.callId}` : a.event));

const snapshot = (calls: CallSnapshot[], isMuted = false): Snapshot => ({
    calls,
    agent: { isMuted, phone: { type: 'SOFT_PHONE' } },
    lastEventSeq: 0
});

describe('softphone state: telephony events to announcements', () => {
    it('announces a ringing call once, its answer once, and its end with after-call work', () => {
        const s = new SoftphoneState();
        s.acwEnabled = true;
        const call = newCall();
        assert.deepEqual(names(s.apply({ type: 'callRinging', call })), [`CALL_STARTED ${call.callId}`]);
        assert.deepEqual(s.apply({ type: 'callRinging', call }), [], 'a repeated ring is not news');
        const connected = { ...call, state: 'connected' as const };
        assert.deepEqual(names(s.apply({ type: 'callConnected', call: connected })), [`CALL_CONNECTED ${call.callId}`]);
        assert.deepEqual(s.apply({ type: 'callConnected', call: connected }), []);
        const ended = s.apply({ type: 'callEnded', callId: call.callId, isError: false });
        assert.deepEqual(names(ended), [`HANGUP ${call.callId}`, `AFTER_CALL_WORK_STARTED ${call.callId}`]);
        assert.equal((ended[0] as { reason: string }).reason, 'ended');
        assert.equal(s.takeAfterCallWork(call.callId), true);
        assert.equal(s.takeAfterCallWork(call.callId), false, 'once per call');
        assert.deepEqual(names(s.apply({ type: 'wrapUpEnded', callId: call.callId })), [
            `WRAP_UP_ENDED ${call.callId}`
        ]);
        assert.deepEqual(s.apply({ type: 'wrapUpEnded', callId: call.callId }), []);
    });

    it('a call that ends while another stays is a PARTICIPANT_REMOVED; a supervised one a SUPERVISOR_HANGUP', () => {
        const s = new SoftphoneState();
        const customer = newCall({ state: 'connected' });
        const leg = newCall({
            participantType: 'Third_Party',
            callType: 'AddParticipant',
            state: 'transferred',
            parentCallId: customer.callId
        });
        s.load(snapshot([customer, leg]));
        assert.deepEqual(names(s.apply({ type: 'callEnded', callId: leg.callId, isError: true })), [
            `PARTICIPANT_REMOVED ${leg.callId}`
        ]);
        const watched = newCall({ participantType: 'Supervisor', state: 'connected' });
        s.load(snapshot([watched]));
        assert.deepEqual(names(s.apply({ type: 'callEnded', callId: watched.callId, isError: false })), [
            `SUPERVISOR_HANGUP ${watched.callId}`
        ]);
    });

    it('mute, hold and recording are announced only when they change', () => {
        const s = new SoftphoneState();
        const call = newCall({ state: 'connected' });
        s.load(snapshot([call]));
        assert.deepEqual(names(s.apply({ type: 'muteChanged', isMuted: true })), ['MUTE_TOGGLE']);
        assert.deepEqual(s.apply({ type: 'muteChanged', isMuted: true }), []);
        const hold = s.apply({ type: 'holdChanged', callId: call.callId, isOnHold: true });
        assert.deepEqual(names(hold), [`HOLD_TOGGLE ${call.callId}`]);
        assert.equal((hold[0] as { calls: CallSnapshot[] }).calls[0]?.isOnHold, true);
        assert.deepEqual(s.apply({ type: 'holdChanged', callId: call.callId, isOnHold: true }), []);
        assert.deepEqual(s.apply({ type: 'holdChanged', callId: 'unknown', isOnHold: true }), []);
        assert.deepEqual(names(s.apply({ type: 'recordingChanged', callId: call.callId, isRecordingPaused: true })), [
            `RECORDING_TOGGLE ${call.callId}`
        ]);
    });

    it('relays status requests, barge-ins, page messages and sync failures; a sign-out is not its to announce', () => {
        const s = new SoftphoneState();
        const call = newCall({ state: 'connected', voiceCallId: '0LQ1' });
        s.load(snapshot([call]));
        assert.deepEqual(names(s.apply({ type: 'presenceRequested', statusId: '0N5x' })), ['SET_AGENT_STATUS']);
        assert.deepEqual(s.apply({ type: 'supervisorBargedIn', callId: call.callId, supervisorName: 'Sam' }), [
            { event: 'CALL_BARGED_IN', callId: call.callId, voiceCallId: '0LQ1', supervisorName: 'Sam' }
        ]);
        assert.deepEqual(s.apply({ type: 'supervisorBargedIn', callId: 'gone' }), []);
        const message = { source: 'GATEWAY', type: 'note', payload: {}, version: 1 };
        assert.deepEqual(s.apply({ type: 'pageMessage', message }), [{ event: 'MESSAGE', message }]);
        const [failure] = s.apply({
            type: 'salesforceSyncFailed',
            callId: call.callId,
            operation: 'createVoiceCall',
            message: 'down'
        });
        assert.match((failure as { error: string }).error, /could not createVoiceCall in Salesforce/);
        assert.deepEqual(s.apply({ type: 'loggedOut', reason: 'elsewhere' }), []);
    });

    it('a resync announces what changed while the channel was down, in a live order', () => {
        const s = new SoftphoneState();
        const gone = newCall({ state: 'connected' });
        const held = newCall({ state: 'connected' });
        s.load(snapshot([gone, held]));
        const fresh = newCall({ state: 'connected' });
        const batches = s.resync(snapshot([{ ...held, isOnHold: true }, fresh], true)).map((e) => s.apply(e));
        assert.deepEqual(batches.map(names), [
            // Two unrelated calls: the first one's end is a HANGUP of that call (README, "Known limits").
            [`HANGUP ${gone.callId}`, `AFTER_CALL_WORK_STARTED ${gone.callId}`],
            [`CALL_STARTED ${fresh.callId}`],
            [`CALL_CONNECTED ${fresh.callId}`],
            [`HOLD_TOGGLE ${held.callId}`],
            ['MUTE_TOGGLE']
        ]);
        assert.deepEqual(s.resync(snapshot([{ ...held, isOnHold: true }, fresh], true)), [], 'nothing changed since');
    });

    it('a transfer leg Salesforce never saw (its ADD_PARTICIPANT reply lost) is announced as added, then connected', () => {
        const s = new SoftphoneState();
        const parent = newCall({ state: 'connected' });
        s.load(snapshot([parent]));
        const leg = newCall({
            callType: 'AddParticipant',
            participantType: 'Third_Party',
            state: 'transferring',
            parentCallId: parent.callId
        });
        const batches = s.resync(snapshot([parent, leg])).map((e) => s.apply(e));
        assert.deepEqual(batches.map(names), [[`PARTICIPANT_ADDED ${leg.callId}`]]);
        const answered = { ...leg, state: 'transferred' as const };
        assert.deepEqual(names(s.apply({ type: 'participantConnected', call: answered })), [
            `PARTICIPANT_CONNECTED ${leg.callId}`
        ]);
        // Replayed without the add: both, in order.
        const other = new SoftphoneState();
        other.load(snapshot([parent]));
        assert.deepEqual(names(other.apply({ type: 'participantConnected', call: answered })), [
            `PARTICIPANT_ADDED ${leg.callId}`,
            `PARTICIPANT_CONNECTED ${leg.callId}`
        ]);
    });

    it('what a subclass may still publish: toggle values Salesforce does not show, calls it has not seen so', () => {
        const s = new SoftphoneState();
        const call = newCall({ state: 'connected' });
        s.load(snapshot([call]));
        assert.equal(s.shows({ kind: 'mute', isMuted: false }), true);
        assert.equal(s.shows({ kind: 'hold', callId: call.callId, isOnHold: true }), false);
        s.toldChange({ kind: 'hold', callId: call.callId, isOnHold: true });
        s.toldChange({ kind: 'recording', callId: call.callId, isRecordingPaused: true });
        s.toldChange({ kind: 'mute', isMuted: true });
        assert.equal(s.shows({ kind: 'hold', callId: call.callId, isOnHold: true }), true);
        assert.equal(s.shows({ kind: 'recording', callId: call.callId, isRecordingPaused: true }), true);
        assert.equal(s.shows({ kind: 'mute', isMuted: true }), true);
        assert.match(s.repeatedCallEvent('CALL_STARTED', call.callId) ?? '', /has started/);
        assert.match(s.repeatedCallEvent('CALL_CONNECTED', call.callId) ?? '', /is connected/);
        assert.equal(s.repeatedCallEvent('PARTICIPANT_CONNECTED', call.callId), undefined);
        assert.equal(s.repeatedCallEvent('CALL_STARTED', 'elsewhere'), undefined);
        s.apply({ type: 'callEnded', callId: call.callId, isError: false });
        assert.match(s.repeatedCallEvent('HANGUP', call.callId) ?? '', /has ended/);
        assert.equal(s.repeatedCallEvent('AFTER_CALL_WORK_STARTED', call.callId), undefined);
        assert.equal(s.stillHolds({ event: 'CALL_CONNECTED', callId: call.callId, call, isMuted: false }), false);
        assert.equal(s.stillHolds({ event: 'SET_AGENT_STATUS', statusId: '0N5x' }), true);
    });
});
