// The stand-in softphone's model: which Toolkit events each connector event becomes, and which message each
// control sends. Payloads are shaped as scv-connector-base 3.6.2 sends them (connector-sdk.md §5.3).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HostMessage } from '@switchboard/connector/host';
import { Softphone, SoftphoneError } from '../page/softphone.js';

const event = (telephonyEventType: string, telephonyEventPayload: unknown): HostMessage => ({
    type: 'TELEPHONY_EVENT_DISPATCHED',
    payload: { telephonyEventType, telephonyEventPayload }
});

const phoneCall = (
    callId: string,
    state: string,
    participantType = 'Initial_Caller',
    phoneNumber = '+14155550100'
) => ({
    callId,
    callType: 'inbound',
    state,
    phoneNumber,
    contact: { phoneNumber },
    callAttributes: { participantType, isOnHold: false }
});

function connected(): Softphone {
    const softphone = new Softphone();
    softphone.receive({ type: 'CONNECTOR_READY', payload: { capabilities: { MUTE: true }, callInProgress: null } });
    softphone.receive(event('CALL_STARTED', phoneCall('c1', 'ringing')));
    softphone.receive(event('CALL_CONNECTED', phoneCall('c1', 'connected')));
    return softphone;
}

describe('connector events become Toolkit events', () => {
    it('a ringing then connected inbound call', () => {
        const softphone = new Softphone();
        assert.deepEqual(softphone.receive(event('CALL_STARTED', phoneCall('c1', 'ringing'))), [
            { name: 'callstarted', detail: { callId: 'c1', callType: 'inbound', participant: '+14155550100' } }
        ]);
        assert.equal(softphone.state.calls[0]?.state, 'ringing');
        assert.deepEqual(softphone.accept(), { type: 'ACCEPT_CALL', call: phoneCall('c1', 'ringing') });
        assert.deepEqual(softphone.receive(event('CALL_CONNECTED', phoneCall('c1', 'connected'))), [
            { name: 'callconnected', detail: { callId: 'c1', callType: 'inbound', participant: '+14155550100' } }
        ]);
    });

    it('HANGUP as an object or an array ends each call once', () => {
        const softphone = connected();
        assert.deepEqual(softphone.receive(event('HANGUP', [phoneCall('c1', 'ended')])), [
            { name: 'callended', detail: { callId: 'c1' } }
        ]);
        assert.deepEqual(softphone.state.calls, []);
        const again = connected();
        assert.deepEqual(again.receive(event('HANGUP', phoneCall('c1', 'ended'))), [
            { name: 'callended', detail: { callId: 'c1' } }
        ]);
    });

    it('hold and resume name the party whose hold changed', () => {
        const softphone = connected();
        assert.deepEqual(softphone.hold('Initial_Caller', true).type, 'HOLD');
        assert.deepEqual(
            softphone.receive(event('HOLD_TOGGLE', { isCustomerOnHold: true, isThirdPartyOnHold: false })),
            [{ name: 'hold', detail: { callId: 'c1', participant: '+14155550100' } }]
        );
        assert.deepEqual(
            softphone.receive(event('HOLD_TOGGLE', { isCustomerOnHold: false, isThirdPartyOnHold: false })),
            [{ name: 'resume', detail: { callId: 'c1', participant: '+14155550100' } }]
        );
    });

    it('a warm transfer: participant added, swap, conference, then the third party leaves', () => {
        const softphone = connected();
        assert.deepEqual(softphone.addParticipant({ phoneNumber: '+14155550111' }, false), {
            type: 'ADD_PARTICIPANT',
            contact: { phoneNumber: '+14155550111', type: 'PhoneNumber' },
            call: phoneCall('c1', 'connected'),
            isBlindTransfer: false
        });
        assert.deepEqual(
            softphone.receive(
                event('PARTICIPANT_ADDED', { callId: 'leg1', phoneNumber: '+14155550111', initialCallHasEnded: false })
            ),
            [{ name: 'participantadded', detail: { callId: 'c1', participant: '+14155550111' } }]
        );
        assert.equal(softphone.thirdParty?.callId, 'leg1');
        const swap = softphone.swap();
        assert.equal(swap.type, 'SWAP_PARTICIPANTS');
        assert.deepEqual(
            softphone.receive(event('HOLD_TOGGLE', { isCustomerOnHold: true, isThirdPartyOnHold: false })),
            [{ name: 'swap', detail: { callId: 'c1' } }]
        );
        assert.equal(softphone.merge().type, 'CONFERENCE');
        assert.deepEqual(
            softphone.receive(event('HOLD_TOGGLE', { isCustomerOnHold: false, isThirdPartyOnHold: false })),
            [{ name: 'conference', detail: { callId: 'c1' } }]
        );
        assert.deepEqual(softphone.end('Third_Party'), {
            type: 'END_CALL',
            call: { callId: 'leg1', callAttributes: { participantType: 'Third_Party' } }
        });
        assert.deepEqual(softphone.receive(event('PARTICIPANT_REMOVED', { reason: null })), [
            { name: 'participantremoved', detail: { callId: 'c1', participant: '+14155550111' } }
        ]);
        assert.equal(softphone.thirdParty, undefined);
    });

    it('mute, recording and after-call work', () => {
        const softphone = connected();
        assert.deepEqual(softphone.receive(event('MUTE_TOGGLE', { isMuted: true })), [
            { name: 'mute', detail: { callId: 'c1' } }
        ]);
        assert.deepEqual(softphone.receive(event('RECORDING_TOGGLE', { isRecordingPaused: true })), [
            { name: 'pauserecording', detail: { callId: 'c1' } }
        ]);
        softphone.receive(event('HANGUP', [phoneCall('c1', 'ended')]));
        assert.equal(softphone.state.isMuted, false);
        softphone.receive(event('AFTER_CALL_WORK_STARTED', { callId: 'c1' }));
        assert.deepEqual(softphone.state.wrapUp, ['c1']);
        assert.deepEqual(softphone.wrapUp('c1'), {
            message: { type: 'WRAP_UP_CALL', call: { callId: 'c1' } },
            event: { name: 'wrapupended', detail: { callId: 'c1' } }
        });
        assert.deepEqual(softphone.state.wrapUp, []);
        assert.throws(() => softphone.wrapUp('c1'), SoftphoneError);
    });

    it('an ERROR event becomes a readable notice', () => {
        const softphone = connected();
        softphone.receive(event('ERROR', { message: 'CAN_NOT_HOLD_CALL' }));
        assert.deepEqual(softphone.state.notice, { kind: 'error', text: 'The call could not be put on hold.' });
    });

    it('a stored transcript line becomes the Toolkit transcript event of the call', () => {
        const softphone = connected();
        const line = softphone.transcript({
            vendorCallKey: 'c1',
            messageId: 'm1',
            speaker: 'customer',
            text: 'Hello',
            at: 5
        });
        assert.deepEqual(line, {
            name: 'transcript',
            detail: {
                id: 'm1',
                callId: 'c1',
                content: { formatType: 'Text', text: 'Hello' },
                sender: { role: 'EndUser' },
                clientSentTimestamp: 5,
                serverReceivedTimestamp: 5
            }
        });
    });
});

describe('supervision', () => {
    it('a supervisor listens in, barges in and leaves; the agent hears of the barge-in', () => {
        const supervisor = new Softphone();
        assert.throws(() => supervisor.bargeIn(), /Listen in/);
        assert.deepEqual(supervisor.listenIn({ callId: 'c1', voiceCallId: '0LQ1' }), {
            type: 'SUPERVISE_CALL',
            call: {
                callId: 'c1',
                voiceCallId: '0LQ1',
                callType: 'inbound',
                callAttributes: { participantType: 'Supervisor' }
            }
        });
        supervisor.receive(event('SUPERVISOR_CALL_CONNECTED', phoneCall('s1', 'connected', 'Supervisor')));
        assert.equal(supervisor.state.supervising?.callId, 's1');
        assert.deepEqual(supervisor.state.calls, [], "a supervised call is not one of the supervisor's own");
        assert.throws(() => supervisor.listenIn({ callId: 'c2' }), /already supervising/);
        assert.equal(supervisor.bargeIn().type, 'SUPERVISOR_BARGE_IN');
        supervisor.receive(event('SUPERVISOR_BARGED_IN', phoneCall('s1', 'connected', 'Supervisor')));
        assert.equal(supervisor.state.supervising?.bargedIn, true);
        assert.deepEqual(supervisor.leaveSupervision().call, phoneCall('s1', 'connected', 'Supervisor'));
        supervisor.receive(event('SUPERVISOR_HANGUP', [phoneCall('s1', 'ended', 'Supervisor')]));
        assert.equal(supervisor.state.supervising, null);

        const agent = connected();
        agent.receive(event('CALL_BARGED_IN', { callId: 'c1', isBargedIn: true, supervisorName: 'Grace Hopper' }));
        assert.deepEqual(agent.state.notice, { kind: 'info', text: 'Grace Hopper joined the call (barge-in).' });
    });
});

describe('Toolkit actions become the messages Salesforce sends', () => {
    it('maps each action, and refuses what cannot apply with a sentence', () => {
        const softphone = connected();
        assert.deepEqual(softphone.toolkit('mute', []), { type: 'MUTE' });
        assert.deepEqual(softphone.toolkit('hold', ['Initial_Caller']).type, 'HOLD');
        assert.deepEqual(softphone.toolkit('endCall', []).type, 'END_CALL');
        assert.deepEqual(softphone.toolkit('sendDigits', ['12#']), { type: 'SEND_DIGITS', digits: '12#' });
        assert.deepEqual(
            softphone.toolkit('addParticipant', ['PhoneNumber', '+14155550111', true]).isBlindTransfer,
            true
        );
        assert.throws(() => softphone.toolkit('acceptCall', []), /No call is ringing/);
        assert.throws(() => softphone.toolkit('merge', []), /third party/);
        assert.throws(() => softphone.toolkit('sendDigits', ['x']), /Digits are/);
        assert.throws(() => new Softphone().toolkit('mute', []), /There is no call/);
        assert.throws(() => softphone.dial('call me'), /not a phone number/);
    });

    it('presence statuses carry Salesforce status info', () => {
        const softphone = new Softphone();
        const message = softphone.setPresence('Available');
        assert.equal(message.type, 'SET_AGENT_STATUS');
        assert.equal(message.agentStatus, 'Online');
        assert.equal(softphone.state.presence, 'Available');
    });
});
