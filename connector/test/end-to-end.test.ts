// Every message Salesforce can send, through the real scv-connector-base 3.6.2 and a real MessageChannel, against
// the real gateway in process (the simulated carrier as its telephony): exactly the events that reach Salesforce, one
// per change, and the error events for failures.
import {
    ADA,
    callInProgress,
    CONFIG,
    connectedCall,
    fromAnotherTab,
    type Rig,
    startGateway,
    startRig,
    stopAll,
    SUPERVISOR_ID,
    requestTransfer
} from './harness.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, it } from 'node:test';
import type { CommandName } from '@switchboard/contracts';
import { SessionTokens } from '../../gateway/src/agents/session-tokens.js';
import { IN_PROCESS_SESSION_SECRET } from '../../gateway/test/in-process-gateway.js';
import { SwitchboardConnector } from '../src/connector.js';
import { DuplicateEventError } from '../src/event-guard.js';
import * as sdk from '../src/sdk.js';
import { drain } from './salesforce-host.js';

const covered = new Set<string>();
let rig: Rig;
afterEach(stopAll);

async function send(message: Record<string, unknown>): Promise<void> {
    covered.add(message.type as string);
    await rig.send(message);
}

const errors = () => rig.host.events().filter((e) => e.type === 'ERROR');
/** The page messages the connector relayed to the gateway. */
const pageMessages = () => rig.wire.requests.flatMap((r) => (r.command === 'pageMessage' ? [r.params.message] : []));

/** Salesforce adds a participant to a call: a transfer (blind) or a consult leg that may become a conference. */
function addParticipant(callId: string, contact: Record<string, unknown>, isBlindTransfer: boolean): Promise<void> {
    return send({ type: 'ADD_PARTICIPANT', contact, call: { callId }, isBlindTransfer });
}

/** A connected call whose warm transfer leg is ringing; the events so far cleared and requests held on the wire. */
async function warmTransferRinging(): Promise<string> {
    rig = await startRig();
    const callId = await connectedCall(rig);
    await addParticipant(callId, { phoneNumber: '+14155550199' }, false);
    rig.host.clear();
    rig.wire.holdRequests = true;
    return callId;
}

/** Lets the requests held on the wire reach the gateway, and waits for what follows. */
async function releaseRequests(r: Rig): Promise<void> {
    r.wire.holdRequests = false;
    r.wire.release();
    await r.settle();
}

/** Grace's browser, supervising a connected call of Ada's (her connector is elsewhere): returns Ada's call id. */
async function supervisorRig(): Promise<string> {
    const gateway = await startGateway();
    const adasCall = await callInProgress(gateway);
    rig = await startRig({ gateway, agentId: SUPERVISOR_ID });
    return adasCall;
}

describe('handshake (SETUP_CONNECTOR)', () => {
    it('with a stored session: CONNECTOR_READY carries honest capabilities and the call in progress', async () => {
        const gateway = await startGateway();
        const live = await callInProgress(gateway);
        rig = await startRig({ gateway });
        covered.add('SETUP_CONNECTOR');
        const ready = rig.host.received.find((m) => m.type === 'CONNECTOR_READY');
        assert.ok(ready, 'CONNECTOR_READY sent');
        const payload = ready.payload as { capabilities: Record<string, boolean>; callInProgress: { callId: string } };
        assert.equal(payload.capabilities.BLIND_TRANSFER, true);
        assert.equal(payload.capabilities.MOS, false);
        assert.equal(payload.capabilities.VENDOR_PROVIDED_QUEUE_WAIT_TIME, false);
        assert.equal(payload.callInProgress.callId, live);
        assert.deepEqual(rig.host.eventTypes(), []);
    });

    it('without a session: SHOW_LOGIN, then login() publishes LOGIN_RESULT once and CONNECTOR_READY follows', async () => {
        rig = await startRig({ signedIn: false });
        assert.deepEqual(rig.host.eventTypes(), ['SHOW_LOGIN']);
        assert.equal(rig.loginRequests, 1);
        await assert.rejects(
            rig.connector.login({ kind: 'password', username: 'ada', password: 'wrong' }),
            /check your user name and password/
        );
        await rig.connector.login({ kind: 'password', ...ADA });
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['SHOW_LOGIN', 'LOGIN_RESULT']);
        assert.equal(rig.host.received.filter((m) => m.type === 'CONNECTOR_READY').length, 1);
        assert.ok(rig.tokens.token, 'the session token is kept for a refresh');
    });

    it('an expired stored session falls back to the login frame', async () => {
        // Issued by this gateway an hour ago: its 15 minutes are over.
        const old = await new SessionTokens(IN_PROCESS_SESSION_SECRET, 900, () => Date.now() - 3_600_000).issue(
            'agent-ada'
        );
        rig = await startRig({ storedToken: old.token });
        assert.deepEqual(rig.host.eventTypes(), ['SHOW_LOGIN']);
        assert.equal(rig.loginRequests, 1);
        assert.equal(rig.wire.hellos.length, 1, 'the stored session was tried once');
    });

    it('a contact center without a gateway URL gets INVALID_PARAMS, not a hang', async () => {
        rig = await startRig({ config: { '/reqGeneralInfo/reqInternalName': 'cc' } });
        assert.deepEqual(errors(), [{ type: 'ERROR', payload: { message: 'INVALID_PARAMS' } }]);
    });

    it('an unreachable gateway is CAN_NOT_LOG_IN', async () => {
        rig = await startRig({ wire: (w) => (w.unreachable = true) });
        assert.deepEqual(errors(), [{ type: 'ERROR', payload: { message: 'CAN_NOT_LOG_IN' } }]);
    });
});

describe('single call', () => {
    it('inbound: the connector publishes CALL_STARTED; ACCEPT_CALL yields one CALL_CONNECTED', async () => {
        rig = await startRig();
        const callId = await rig.telephony.ring({ queue: { id: 'q1', name: 'Support' } });
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['CALL_STARTED']);
        const started = rig.host.events()[0]!.payload as {
            callId: string;
            state: string;
            callInfo: { queueName: string };
        };
        assert.equal(started.callId, callId);
        assert.equal(started.state, 'ringing');
        assert.equal(started.callInfo.queueName, 'Support');
        rig.host.clear();
        // A partial call: Salesforce may omit the id (scv-connector-base issue #6).
        await send({
            type: 'ACCEPT_CALL',
            call: { callType: 'Inbound', callAttributes: { participantType: 'Initial_Caller' } }
        });
        assert.deepEqual(rig.host.eventTypes(), ['CALL_CONNECTED']);
        assert.equal(rig.connector.calls[0]?.state, 'connected');
    });

    it('DECLINE_CALL yields one HANGUP and empties the store', async () => {
        rig = await startRig();
        await rig.telephony.ring();
        await rig.settle();
        rig.host.clear();
        await send({ type: 'DECLINE_CALL' });
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP']);
        assert.equal(rig.connector.calls.length, 0);
    });

    it('END_CALL with only a participant type: one HANGUP, then AFTER_CALL_WORK_STARTED', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await send({
            type: 'END_CALL',
            call: { callAttributes: { participantType: 'Initial_Caller' } },
            agentStatus: 'Online'
        });
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP', 'AFTER_CALL_WORK_STARTED']);
        assert.deepEqual(rig.host.events()[1]!.payload, { callId });
        assert.deepEqual(await rig.telephony.calls(), []);
    });

    it('WRAP_UP_CALL forwards the wrap-up and publishes nothing (Salesforce started it)', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await send({ type: 'END_CALL', call: { callId } });
        rig.host.clear();
        await send({ type: 'WRAP_UP_CALL', call: { callId } });
        assert.deepEqual(rig.host.eventTypes(), []);
        assert.ok(rig.wire.requests.some((r) => r.command === 'wrapUp' && r.params.callId === callId));
    });

    it('the telephony side ending wrap-up publishes WRAP_UP_ENDED once', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await rig.telephony.hangUp(callId);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP', 'AFTER_CALL_WORK_STARTED']);
        // The gateway saying it twice (a wrap-up ended in two places) is still one change.
        await rig.telephony.tell({ type: 'wrapUpEnded', callId });
        await rig.telephony.tell({ type: 'wrapUpEnded', callId });
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP', 'AFTER_CALL_WORK_STARTED', 'WRAP_UP_ENDED']);
    });

    it('without after-call work, a customer hang-up is one HANGUP with the reason', async () => {
        rig = await startRig({ config: { ...CONFIG, isACWAllowed: false } });
        const callId = await connectedCall(rig);
        await rig.telephony.hangUp(callId, true);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP']);
        assert.equal((rig.host.events()[0]!.payload as { reason: string }[])[0]!.reason, 'error');
    });

    it('a missed call (ended while ringing) has no after-call work', async () => {
        rig = await startRig();
        const callId = await rig.telephony.ring();
        await rig.settle();
        await rig.telephony.hangUp(callId);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['CALL_STARTED', 'HANGUP']);
    });

    it('MUTE and UNMUTE: one MUTE_TOGGLE each, although the gateway echoes the change', async () => {
        rig = await startRig();
        await connectedCall(rig);
        await send({ type: 'MUTE' });
        await send({ type: 'UNMUTE' });
        assert.deepEqual(rig.host.events(), [
            { type: 'MUTE_TOGGLE', payload: { isMuted: true } },
            { type: 'MUTE_TOGGLE', payload: { isMuted: false } }
        ]);
    });

    it('a desk-phone mute, hold and recording change are published by the connector, once each', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await rig.telephony.mute(true);
        await rig.telephony.mute(true);
        await rig.telephony.hold(callId, true);
        await rig.telephony.recording(callId, true);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['MUTE_TOGGLE', 'HOLD_TOGGLE', 'RECORDING_TOGGLE']);
        const hold = rig.host.events()[1]!.payload as { isCustomerOnHold: boolean };
        assert.equal(hold.isCustomerOnHold, true);
    });

    it('HOLD and RESUME: one HOLD_TOGGLE each with the customer flag', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await send({ type: 'HOLD', call: { callId } });
        await send({ type: 'RESUME', call: { callId } });
        const flags = rig.host
            .events()
            .map((e) => [e.type, (e.payload as { isCustomerOnHold: boolean }).isCustomerOnHold]);
        assert.deepEqual(flags, [
            ['HOLD_TOGGLE', true],
            ['HOLD_TOGGLE', false]
        ]);
    });

    it('HOLD of an unknown call is INVALID_PARTICIPANT', async () => {
        rig = await startRig();
        await connectedCall(rig);
        await send({ type: 'HOLD', call: { callId: 'nope' } });
        assert.deepEqual(rig.host.events(), [{ type: 'ERROR', payload: { message: 'INVALID_PARTICIPANT' } }]);
    });

    it('PAUSE_RECORDING and RESUME_RECORDING: one RECORDING_TOGGLE each', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await send({ type: 'PAUSE_RECORDING', call: { callId } });
        await send({ type: 'RESUME_RECORDING', call: { callId } });
        assert.deepEqual(
            rig.host.events().map((e) => [e.type, (e.payload as { isRecordingPaused: boolean }).isRecordingPaused]),
            [
                ['RECORDING_TOGGLE', true],
                ['RECORDING_TOGGLE', false]
            ]
        );
    });

    it('SEND_DIGITS reaches the gateway for the connected call and publishes nothing; bad digits are refused', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await send({ type: 'SEND_DIGITS', digits: '12#' });
        await send({ type: 'SEND_DIGITS', digits: '12; DROP' });
        assert.deepEqual(rig.host.eventTypes(), []);
        const digits = rig.wire.requests.filter((r) => r.command === 'sendDigits');
        assert.deepEqual(
            digits.map((r) => r.params),
            [{ digits: '12#', callId }]
        );
    });
});

describe('outbound', () => {
    it('DIAL yields one CALL_STARTED; the far end answering is one CALL_CONNECTED from the connector', async () => {
        rig = await startRig();
        await send({ type: 'DIAL', contact: { phoneNumber: '+14155550123', name: 'Grace' } });
        assert.deepEqual(rig.host.eventTypes(), ['CALL_STARTED']);
        const callId = rig.connector.calls[0]!.callId;
        await rig.telephony.answer(callId);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['CALL_STARTED', 'CALL_CONNECTED']);
        // The library never calls acceptCall for outbound calls.
        await send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Outbound' } });
        assert.deepEqual(rig.host.eventTypes(), ['CALL_STARTED', 'CALL_CONNECTED']);
    });

    it('DIAL failures: CALL_FAILED then INVALID_DESTINATION, with no call left behind', async () => {
        rig = await startRig();
        await send({ type: 'DIAL', contact: { phoneNumber: '+99912' } });
        await send({ type: 'DIAL', contact: { phoneNumber: 'call me maybe' } });
        await send({ type: 'DIAL', contact: {} });
        assert.deepEqual(rig.host.events(), [
            { type: 'CALL_FAILED', payload: undefined },
            { type: 'ERROR', payload: { message: 'INVALID_DESTINATION' } },
            { type: 'CALL_FAILED', payload: undefined },
            { type: 'ERROR', payload: { message: 'INVALID_DESTINATION' } },
            { type: 'CALL_FAILED', payload: undefined },
            { type: 'ERROR', payload: { message: 'INVALID_DESTINATION' } }
        ]);
        assert.equal(rig.connector.calls.length, 0);
    });
});

describe('multiparty', () => {
    it('warm transfer: PARTICIPANT_ADDED, then PARTICIPANT_CONNECTED from the connector, then the leg leaves', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await addParticipant(callId, { phoneNumber: '+14155550199' }, false);
        assert.deepEqual(rig.host.eventTypes(), ['PARTICIPANT_ADDED']);
        const leg = rig.connector.calls.find((c) => c.participantType === 'Third_Party')!;
        assert.equal(leg.parentCallId, callId);
        assert.equal(rig.connector.calls.find((c) => c.callId === callId)?.isOnHold, true);
        await rig.telephony.legAnswered(leg.callId);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['PARTICIPANT_ADDED', 'PARTICIPANT_CONNECTED']);
        rig.host.clear();
        await send({ type: 'SWAP_PARTICIPANTS', callToHold: { callId: leg.callId }, callToResume: { callId } });
        await send({ type: 'CONFERENCE', calls: [{ callId }, { callId: leg.callId }] });
        assert.deepEqual(rig.host.eventTypes(), ['HOLD_TOGGLE', 'HOLD_TOGGLE']);
        const swapped = rig.host.events()[0]!.payload as { isThirdPartyOnHold: boolean; isCustomerOnHold: boolean };
        assert.deepEqual([swapped.isThirdPartyOnHold, swapped.isCustomerOnHold], [true, false]);
        rig.host.clear();
        await rig.telephony.hangUp(leg.callId);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['PARTICIPANT_REMOVED']);
        assert.equal(rig.connector.storeProblems().length, 0);
    });

    it('the customer leaving during a transfer: the library turns it into PARTICIPANT_CONNECTED, once', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await addParticipant(callId, { phoneNumber: '+14155550199' }, false);
        const leg = rig.connector.calls.find((c) => c.participantType === 'Third_Party')!;
        await rig.telephony.legAnswered(leg.callId);
        await rig.settle();
        rig.host.clear();
        await rig.telephony.hangUp(callId);
        await rig.settle();
        assert.deepEqual(rig.host.events(), [
            { type: 'PARTICIPANT_CONNECTED', payload: { initialCallHasEnded: true } }
        ]);
        assert.equal(rig.connector.calls[0]?.initialCallHasEnded, true);
        assert.deepEqual(rig.connector.storeProblems(), []);
    });

    it('blind transfer: PARTICIPANT_ADDED and HANGUP from the library, then after-call work', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await addParticipant(callId, { type: 'Queue', id: 'queue-sales' }, true);
        assert.deepEqual(rig.host.eventTypes(), ['PARTICIPANT_ADDED', 'HANGUP', 'AFTER_CALL_WORK_STARTED']);
        assert.equal(rig.connector.calls.length, 0);
    });

    it('ADD_PARTICIPANT to an unreachable number: PARTICIPANT_REMOVED(error) then INVALID_DESTINATION', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await addParticipant(callId, { phoneNumber: '+99955' }, false);
        assert.deepEqual(rig.host.events(), [
            { type: 'PARTICIPANT_REMOVED', payload: { reason: 'error' } },
            { type: 'ERROR', payload: { message: 'INVALID_DESTINATION' } }
        ]);
    });

    it('blind transfer where the contact center cannot do it is refused clearly', async () => {
        rig = await startRig({ capabilities: { blindTransfer: false } });
        const callId = await connectedCall(rig);
        await addParticipant(callId, { phoneNumber: '+14155550199' }, true);
        assert.deepEqual(rig.host.eventTypes(), ['PARTICIPANT_REMOVED', 'ERROR']);
        assert.equal(rig.connector.calls.length, 1);
    });

    it('END_CALL of the leg while the customer stays: one PARTICIPANT_REMOVED', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await addParticipant(callId, { phoneNumber: '+14155550199' }, false);
        const leg = rig.connector.calls.find((c) => c.participantType === 'Third_Party')!;
        rig.host.clear();
        await send({ type: 'END_CALL', call: { callAttributes: { participantType: 'Third_Party' } } });
        assert.deepEqual(rig.host.eventTypes(), ['PARTICIPANT_REMOVED']);
        assert.equal(
            rig.connector.calls.some((c) => c.callId === leg.callId),
            false
        );
    });
});

describe('agent, contacts, configuration', () => {
    it('SET_AGENT_STATUS mirrors the Omni-Channel status; an unknown status is INVALID_AGENT_STATUS', async () => {
        rig = await startRig();
        await send({
            type: 'SET_AGENT_STATUS',
            agentStatus: 'Online',
            statusInfo: { statusId: '0N5x', statusName: 'Available' },
            enqueueNextState: true
        });
        // The telephony platform does not know that status.
        rig.wire.refuse = (r) =>
            r.command === 'setPresence' && r.params.statusId === 'bad-status'
                ? { error: { code: 'INVALID_AGENT_STATUS', message: 'unknown status' } }
                : undefined;
        await send({ type: 'SET_AGENT_STATUS', agentStatus: 'Online', statusInfo: { statusId: 'bad-status' } });
        assert.deepEqual(rig.host.events(), [
            { type: 'SET_AGENT_STATUS_RESULT', payload: { success: true } },
            { type: 'SET_AGENT_STATUS_RESULT', payload: { success: false } },
            { type: 'ERROR', payload: { message: 'INVALID_AGENT_STATUS' } }
        ]);
        const presence = rig.wire.requests.find((r) => r.command === 'setPresence');
        assert.deepEqual(presence?.params, {
            agentStatus: 'Online',
            enqueueNextState: true,
            statusId: '0N5x',
            statusName: 'Available'
        });
    });

    it('GET_AGENT_STATUS answers with the telephony-side status', async () => {
        rig = await startRig();
        await send({ type: 'SET_AGENT_STATUS', agentStatus: 'Online', statusInfo: { statusId: '0N5x' } });
        rig.host.clear();
        await send({ type: 'GET_AGENT_STATUS' });
        assert.deepEqual(rig.host.events(), [
            {
                type: 'GET_AGENT_STATUS_RESULT',
                payload: { statusId: '0N5x', statusName: 'Online', statusType: 'NOT_ROUTABLE' }
            }
        ]);
    });

    it('the telephony side asking for a status change publishes SET_AGENT_STATUS', async () => {
        rig = await startRig();
        await rig.telephony.tell({ type: 'presenceRequested', statusId: '0N5busy' });
        await rig.settle();
        assert.deepEqual(rig.host.events(), [{ type: 'SET_AGENT_STATUS', payload: { statusId: '0N5busy' } }]);
    });

    it('GET_PHONE_CONTACTS honours the filter and lists the contact types found', async () => {
        rig = await startRig();
        await send({ type: 'GET_PHONE_CONTACTS', filter: { contains: 'sales', types: ['QUEUE'] } });
        await send({ type: 'GET_PHONE_CONTACTS', filter: { limit: 1, offset: 2 } });
        await send({ type: 'GET_PHONE_CONTACTS', filter: { types: 'QUEUE' } });
        const [queues, page, bad] = rig.host.events() as {
            type: string;
            payload: { contacts: { id: string }[]; contactTypes: string[]; message?: string };
        }[];
        assert.deepEqual(
            queues!.payload.contacts.map((c) => c.id),
            ['queue-sales']
        );
        assert.deepEqual(queues!.payload.contactTypes, ['Queue']);
        assert.deepEqual(
            rig.wire.requests.filter((r) => r.command === 'getContacts').map((r) => r.params),
            [
                { contains: 'sales', types: ['QUEUE'] },
                { limit: 1, offset: 2 }
            ],
            'the filter reaches the gateway'
        );
        // The simulated platform's directory: two queues, then its agents.
        assert.deepEqual(
            page!.payload.contacts.map((c) => c.id),
            ['agent-ada']
        );
        assert.deepEqual(bad, { type: 'ERROR', payload: { message: 'CAN_NOT_GET_PHONE_CONTACTS' } });
    });

    it('SET_AGENT_CONFIG switches to a desk phone with a valid number; a bad number is CAN_NOT_UPDATE_PHONE_NUMBER', async () => {
        rig = await startRig();
        await send({
            type: 'SET_AGENT_CONFIG',
            config: { selectedPhone: { type: 'DESK_PHONE', number: '+14155550100' } }
        });
        await send({ type: 'SET_AGENT_CONFIG', config: { selectedPhone: { type: 'DESK_PHONE', number: 'ext' } } });
        assert.deepEqual(rig.host.events(), [
            { type: 'AGENT_CONFIG_UPDATED', payload: { success: true } },
            { type: 'ERROR', payload: { message: 'CAN_NOT_UPDATE_PHONE_NUMBER' } }
        ]);
        const config = await rig.connector.getAgentConfig();
        assert.deepEqual({ ...config.selectedPhone }, { type: 'DESK_PHONE', number: '+14155550100' });
    });

    it('GET_SIGNED_RECORDING_URL signs through the gateway; a failure is SIGNED_RECORDING_URL {success:false}', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await send({
            type: 'GET_SIGNED_RECORDING_URL',
            recordingUrl: 'https://rec.example.com/1',
            vendorCallKey: callId,
            // Salesforce's own id of the call; the gateway finds the telephony call by vendorCallKey.
            callId: '0LQWt0000000001OAA'
        });
        await send({ type: 'GET_SIGNED_RECORDING_URL', recordingUrl: '', vendorCallKey: callId, callId });
        const [signed, failed] = rig.host.events() as { type: string; payload: Record<string, unknown> }[];
        assert.equal(signed!.type, 'SIGNED_RECORDING_URL');
        assert.equal(signed!.payload.success, true);
        assert.equal(signed!.payload.callId, '0LQWt0000000001OAA');
        assert.match(
            String(signed!.payload.url),
            /^https:\/\/rec\.example\.com\/1\?expires=\d+&signature=[0-9a-f]{64}$/
        );
        assert.deepEqual(failed, { type: 'SIGNED_RECORDING_URL', payload: { success: false } });
    });

    it('DOWNLOAD_VENDOR_LOGS saves the library log and the connector log together', async () => {
        rig = await startRig();
        await send({ type: 'DOWNLOAD_VENDOR_LOGS' });
        assert.equal(rig.downloads.length, 1);
        assert.match(
            rig.downloads[0]!.text,
            /# scv-connector-base log[\s\S]*# Switchboard connector log[\s\S]*signed in to the gateway as Ada/
        );
    });

    it('LOG forwards Salesforce log lines to the gateway without echoing anything', async () => {
        rig = await startRig();
        await send({ type: 'LOG', logLevel: 'INFO', logMessage: 'hello vendor', payload: { a: 1 } });
        assert.deepEqual(rig.host.eventTypes(), []);
        assert.deepEqual(rig.wire.requests.find((r) => r.command === 'log')?.params, {
            level: 'INFO',
            message: 'hello vendor',
            payload: { a: 1 }
        });
    });

    it('LOGOUT: one LOGOUT_RESULT, the session token is gone, the gateway was told', async () => {
        rig = await startRig();
        await send({ type: 'LOGOUT' });
        assert.deepEqual(rig.host.events(), [
            { type: 'LOGOUT_RESULT', payload: { success: true, loginFrameHeight: 350 } }
        ]);
        assert.equal(rig.tokens.token, undefined);
        assert.ok(rig.wire.requests.some((r) => r.command === 'logout'));
    });

    it('the gateway ending the session publishes LOGOUT_RESULT once and asks for the login frame', async () => {
        rig = await startRig();
        await rig.telephony.tell({ type: 'loggedOut', reason: 'signed in elsewhere' });
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['LOGOUT_RESULT']);
        assert.equal(rig.loginRequests, 1);
    });
});

describe('page messages (LMS bridge)', () => {
    it('MESSAGE from the Voice Extension is relayed to the gateway; own and malformed messages are dropped', async () => {
        rig = await startRig();
        const message = { source: 'VOICE_EXTENSION', type: 'disposition', payload: { value: 'Resolved' }, version: 1 };
        await send({ type: 'MESSAGE', message });
        await send({ type: 'MESSAGE', message: { ...message, source: 'CONNECTOR' } });
        await send({ type: 'MESSAGE', message: 'not an envelope' });
        assert.deepEqual(pageMessages(), [message]);
        assert.deepEqual(rig.host.eventTypes(), []);
    });

    it('a gateway page message becomes one MESSAGE event', async () => {
        rig = await startRig();
        const message = { source: 'CONNECTOR', type: 'ivr.data', payload: { account: '42' }, version: 1 };
        await rig.telephony.tell({ type: 'pageMessage', message });
        await rig.settle();
        assert.deepEqual(rig.host.events(), [{ type: 'MESSAGE', payload: message }]);
    });
});

describe('refresh and reconnect', () => {
    it('AGENT_AVAILABLE after a page refresh replays the calls the gateway still has', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        const gateway = rig.gateway;
        rig.host.close();
        // The page reloads: a new connector, the session token from tab storage, same gateway.
        rig = await startRig({ gateway, storedToken: rig.tokens.token! });
        await send({ type: 'AGENT_AVAILABLE', isAvailable: true });
        const events = rig.host.events();
        assert.deepEqual(
            events.map((e) => e.type),
            ['CALL_CONNECTED']
        );
        assert.equal((events[0]!.payload as { callId: string; isReplayedCall: boolean }).callId, callId);
        assert.equal((events[0]!.payload as { isReplayedCall: boolean }).isReplayedCall, true);
    });

    it('after a lost connection the gateway cannot resume, what changed meanwhile is published once', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.drop();
        rig.wire.unreachable = true;
        await rig.settle();
        // Meanwhile on the telephony side: the customer leaves, a new call rings, the agent mutes in another tab.
        await rig.telephony.hangUp(callId);
        const ringing = await rig.telephony.ring();
        const muted = await fromAnotherTab(rig.gateway, rig.tokens.token!, 'setMute', { muted: true });
        assert.equal(muted.kind === 'reply' && muted.ok, true);
        // The gateway's retention purged the events the connector missed: it can only answer with a snapshot.
        await rig.gateway.store.purge(Date.now() + 1);
        rig.wire.unreachable = false;
        await reconnected(rig);
        assert.ok(rig.wire.hellos.at(-1)!.resumeFromSeq !== undefined, 'the connector asked to resume');
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP', 'AFTER_CALL_WORK_STARTED', 'CALL_STARTED', 'MUTE_TOGGLE']);
        assert.deepEqual(
            rig.connector.calls.map((c) => c.callId),
            [ringing]
        );
        const hangup = rig.host.events()[0]!.payload as { reason?: string }[];
        assert.equal(hangup[0]!.reason, 'ended while the gateway was unreachable', 'reconciled from the snapshot');
    });

    it('events lost while the socket was down are replayed on reconnect and published once, with no snapshot reconcile', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.drop();
        rig.wire.unreachable = true;
        await rig.settle();
        await rig.telephony.hangUp(callId);
        const ringing = await rig.telephony.ring();
        await rig.telephony.mute(true);
        rig.wire.unreachable = false;
        await reconnected(rig);
        const hello = rig.wire.hellos.at(-1)!;
        assert.equal(hello.resumeFromSeq, 2, 'the last event the connector processed: the accept echo');
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP', 'AFTER_CALL_WORK_STARTED', 'CALL_STARTED', 'MUTE_TOGGLE']);
        const hangup = rig.host.events()[0]!.payload as { reason?: string }[];
        assert.equal(hangup[0]!.reason, 'customer hangup', "the gateway's reason, from the replayed event");
        assert.notEqual(hangup[0]!.reason, 'ended while the gateway was unreachable', 'from the replayed event');
        assert.deepEqual(
            rig.connector.calls.map((c) => c.callId),
            [ringing]
        );
        // Another drop with nothing new: the replay is empty, nothing is published twice.
        rig.host.clear();
        rig.wire.drop();
        await reconnected(rig, 3);
        assert.equal(rig.wire.hellos.at(-1)!.resumeFromSeq, 5);
        assert.deepEqual(rig.host.eventTypes(), []);
        await rig.telephony.hangUp(ringing);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP']);
    });
});

/** Waits (real time: backoff is random, typically well under 1 s) until the connector has said hello `hellos` times and is signed in again. */
async function reconnected(r: Rig, hellos = 2): Promise<void> {
    for (let i = 0; i < 400 && (r.wire.connected === 0 || r.wire.hellos.length < hellos); i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
    assert.ok(r.wire.connected > 0 && r.wire.hellos.length >= hellos, 'reconnected');
    await r.settle();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('agent channel version 2', () => {
    it('renews the session token before it expires, keeps the newest for a refresh, and reconnects with it', async () => {
        // The gateway's expiry is in whole seconds (2 to 3 s from now); the connector renews at two thirds of what is
        // left, at least 1 s after the welcome: between about 1.3 and 2 s, well before the expiry.
        rig = await startRig({ sessionTtlSeconds: 3 });
        const stored = rig.tokens.token!;
        const signedInAt = Date.now();
        for (let i = 0; i < 200 && !rig.wire.requests.some((r) => r.command === 'renewSession'); i++) await sleep(25);
        const renewedAfter = Date.now() - signedInAt;
        assert.ok(renewedAfter >= 500 && renewedAfter < 2500, `renewed after ${renewedAfter} ms`);
        await rig.settle();
        const renewed = rig.tokens.token!;
        assert.notEqual(renewed, stored);
        rig.wire.drop();
        await reconnected(rig);
        assert.deepEqual(rig.wire.hellos.at(-1)!.credential, { kind: 'session', token: renewed });
        assert.deepEqual(rig.host.eventTypes(), []);
    });

    it('a request refused because the token expired ends the session: LOGOUT_RESULT and the login frame', async () => {
        rig = await startRig();
        await connectedCall(rig);
        rig.advanceClock(16 * 60_000); // past the session's 15 minutes on the gateway's clock
        await send({ type: 'MUTE' });
        // The session ends as the refusal arrives; the library then reports the failed MUTE.
        assert.deepEqual(rig.host.eventTypes(), ['LOGOUT_RESULT', 'ERROR']);
        assert.equal(rig.loginRequests, 1);
        assert.equal(rig.tokens.token, undefined);
        assert.deepEqual(rig.connector.calls, []);
        await sleep(300);
        assert.equal(rig.wire.hellos.length, 1, 'no reconnect');
    });

    it('a gateway of another protocol version fails the sign-in with a message saying what to update', async () => {
        rig = await startRig({ signedIn: false, wire: (w) => (w.speaks = [3]) });
        await assert.rejects(
            rig.connector.login({ kind: 'password', ...ADA }),
            /^ConnectorError: The connector speaks agent-channel version 2; the gateway speaks version 3\. Update the connector/
        );
        await rig.stop();
        // With a stored session: the sign-in fails as CAN_NOT_LOG_IN, and the log says why.
        rig = await startRig({ wire: (w) => (w.speaks = [1]) });
        assert.deepEqual(errors(), [{ type: 'ERROR', payload: { message: 'CAN_NOT_LOG_IN' } }]);
        rig.connector.downloadLogs([]);
        assert.match(rig.downloads[0]!.text, /the gateway speaks version 1\. Update the gateway/);
    });

    it('a refused frame fails that request only: no reconnect', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.refuse = (f) =>
            f.command === 'setHold'
                ? { refuse: { code: 'INVALID_PARAMS', message: '$.params: unreadable' } }
                : undefined;
        await send({ type: 'HOLD', call: { callId } });
        assert.deepEqual(rig.host.eventTypes(), ['ERROR']);
        rig.wire.refuse = undefined;
        await send({ type: 'HOLD', call: { callId } });
        assert.deepEqual(rig.host.eventTypes(), ['ERROR', 'HOLD_TOGGLE']);
        assert.equal(rig.wire.hellos.length, 1);
        assert.equal(rig.wire.connected, 1);
    });

    it('an unreadable frame from the gateway causes exactly one snapshot resync, not a loop', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        // Seq 3 arrives garbled; the gateway keeps it in its event log.
        rig.wire.garbleNextEvent();
        await rig.telephony.tell({
            type: 'pageMessage',
            message: { source: 'CONNECTOR', type: 'ivr.data', payload: {}, version: 1 }
        });
        await reconnected(rig);
        assert.equal(rig.wire.hellos.length, 2);
        assert.equal(rig.wire.hellos[1]!.resumeFromSeq, undefined, 'a snapshot, not a replay of the poison');
        await sleep(300);
        assert.equal(rig.wire.hellos.length, 2, 'no further reconnects');
        // A later network loss resumes after the poison, which is never replayed.
        rig.wire.drop();
        await reconnected(rig, 3);
        assert.equal(rig.wire.hellos[2]!.resumeFromSeq, 3, 'ring, accept echo, poison');
        await sleep(300);
        assert.equal(rig.wire.hellos.length, 3);
        assert.deepEqual(rig.host.eventTypes(), []);
        await rig.telephony.hangUp(callId);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP', 'AFTER_CALL_WORK_STARTED']);
    });

    it('a frame over the byte limit is refused before it is sent; the session goes on', async () => {
        rig = await startRig();
        // 140 000 characters, 280 000 UTF-8 bytes: under MAX_FRAME_BYTES in characters, over it in bytes.
        const message = { source: 'VOICE_EXTENSION', type: 'notes', payload: 'é'.repeat(140_000), version: 1 };
        await send({ type: 'MESSAGE', message });
        assert.deepEqual(pageMessages(), []);
        rig.connector.downloadLogs([]);
        assert.match(
            rig.downloads[0]!.text,
            /handleMessage: The pageMessage request cannot be sent: frame of \d+ bytes exceeds the limit/
        );
        const small = { ...message, payload: 'é' };
        await send({ type: 'MESSAGE', message: small });
        assert.deepEqual(pageMessages(), [small]);
        assert.equal(rig.wire.hellos.length, 1);
    });

    it('salesforceSyncFailed is logged and relayed to the Voice Extension, never a telephony event', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        // What the gateway tells the agent when Salesforce keeps refusing the call's VoiceCall.
        await rig.telephony.tell({
            type: 'salesforceSyncFailed',
            callId,
            operation: 'createVoiceCall',
            message: 'UNABLE_TO_LOCK_ROW'
        });
        await rig.settle();
        assert.deepEqual(rig.host.events(), [
            {
                type: 'MESSAGE',
                payload: {
                    source: 'CONNECTOR',
                    type: 'salesforceSyncFailed',
                    payload: { callId, operation: 'createVoiceCall', message: 'UNABLE_TO_LOCK_ROW' },
                    version: 1
                }
            }
        ]);
        rig.connector.downloadLogs([]);
        assert.match(
            rig.downloads[0]!.text,
            new RegExp(
                `ERROR the gateway could not createVoiceCall in Salesforce for call ${callId} \\(the call goes on\\): UNABLE_TO_LOCK_ROW`
            )
        );
        assert.equal(rig.connector.calls[0]?.state, 'connected');
    });

    it('a frame kind or event type from a newer gateway is skipped, and later events still flow', async () => {
        rig = await startRig();
        rig.wire.sendRaw(JSON.stringify({ kind: 'announcement', text: 'from 2.1' }));
        await sleep(10);
        await rig.telephony.ring();
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['CALL_STARTED']);
        assert.equal(rig.wire.hellos.length, 1);
    });
});

describe('supervisor', () => {
    it('SUPERVISE_CALL, SUPERVISOR_BARGE_IN, SUPERVISOR_DISCONNECT: one event each', async () => {
        const adasCall = await supervisorRig();
        await send({ type: 'SUPERVISE_CALL', call: { callId: adasCall, voiceCallId: '0LQ1' } });
        await send({ type: 'SUPERVISOR_BARGE_IN', call: { callId: adasCall } });
        await send({ type: 'SUPERVISOR_DISCONNECT', call: { callId: adasCall } });
        assert.deepEqual(rig.host.eventTypes(), [
            'SUPERVISOR_CALL_CONNECTED',
            'SUPERVISOR_BARGED_IN',
            'SUPERVISOR_HANGUP'
        ]);
        assert.equal(rig.connector.calls.length, 0);
    });

    it(
        'the far end answers while the agent supervises: the library ends the supervision first, and events keep flowing',
        { timeout: 5000 },
        async () => {
            const adasCall = await supervisorRig();
            await send({ type: 'SUPERVISE_CALL', call: { callId: adasCall } });
            await send({ type: 'DIAL', contact: { phoneNumber: '+14155550123' } });
            const outbound = rig.connector.calls.find((c) => c.callType === 'Outbound')!;
            rig.host.clear();
            // The connector publishes CALL_CONNECTED from its event queue; inside that publish the library calls
            // supervisorDisconnect(), which must not wait for the queue it is part of.
            await rig.telephony.answer(outbound.callId);
            await rig.settle();
            assert.deepEqual(rig.host.eventTypes(), ['SUPERVISOR_HANGUP', 'CALL_CONNECTED']);
            const hangup = rig.host.events()[0]!.payload as { calls: { callId: string }[] };
            assert.deepEqual(
                hangup.calls.map((c) => c.callId),
                [adasCall]
            );
            await rig.telephony.hangUp(outbound.callId);
            await rig.settle();
            assert.deepEqual(rig.host.eventTypes().slice(2), ['HANGUP', 'AFTER_CALL_WORK_STARTED']);
            assert.deepEqual(rig.connector.calls, []);
        }
    );

    it('a supervisor barging into the agent call publishes CALL_BARGED_IN; SUPERVISE_CALL without a call id fails clearly', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await rig.telephony.bargeIn(callId, 'Sam');
        await rig.settle();
        await send({ type: 'SUPERVISE_CALL', call: {} });
        assert.deepEqual(rig.host.events(), [
            { type: 'CALL_BARGED_IN', payload: { callId, isBargedIn: true, supervisorName: 'Sam' } },
            { type: 'ERROR', payload: { message: 'CAN_NOT_SUPERVISE_CALL' } }
        ]);
    });
});

describe('races between Salesforce and the telephony side', () => {
    it('the customer hangs up while END_CALL is in flight: HANGUP once', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'END_CALL', call: { callId } });
        await rig.settle();
        await rig.telephony.hangUp(callId);
        await rig.settle();
        await releaseRequests(rig);
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP', 'AFTER_CALL_WORK_STARTED']);
    });

    it('the customer hangs up during a transfer while END_CALL for the customer is in flight: one departure', async () => {
        const callId = await warmTransferRinging();
        rig.host.send({ type: 'END_CALL', call: { callAttributes: { participantType: 'Initial_Caller' } } });
        await rig.settle();
        // The connector's PARTICIPANT_REMOVED would reach Salesforce as PARTICIPANT_ADDED {initialCallHasEnded}
        // (the leg is still ringing), but it announces the same departure as endCall()'s answer.
        await rig.telephony.hangUp(callId);
        await rig.settle();
        await releaseRequests(rig);
        assert.deepEqual(rig.host.eventTypes(), ['PARTICIPANT_REMOVED']);
        assert.equal((rig.host.events()[0]!.payload as { callId: string }).callId, callId);
    });

    it('the customer leaves during a transfer while DECLINE_CALL for the customer is in flight: one departure', async () => {
        const callId = await warmTransferRinging();
        rig.host.send({ type: 'DECLINE_CALL', call: { callId } });
        await rig.settle();
        // The customer's call is connected and part of a transfer: declineCall() refuses it (the library's HANGUP
        // would take the live leg out of Salesforce too). The customer's departure is then the connector's
        // PARTICIPANT_REMOVED, which the library turns into the leg's PARTICIPANT_ADDED {initialCallHasEnded}.
        await rig.telephony.hangUp(callId);
        await rig.settle();
        await releaseRequests(rig);
        assert.deepEqual(rig.host.eventTypes(), ['ERROR', 'PARTICIPANT_ADDED']);
        assert.equal((rig.host.events()[1]!.payload as { initialCallHasEnded: boolean }).initialCallHasEnded, true);
    });

    it('the caller hangs up while DECLINE_CALL is in flight: one HANGUP, not an error', async () => {
        rig = await startRig();
        const call = { callId: await rig.telephony.ring() };
        await rig.settle();
        rig.host.clear();
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'DECLINE_CALL', call: { callId: call.callId } });
        await rig.settle();
        // The connector leaves this HANGUP to the library, which announces declineCall()'s result...
        await rig.telephony.hangUp(call.callId);
        await rig.settle();
        await releaseRequests(rig);
        // ...so declineCall() must not fail because the call is already gone, or Salesforce never hears of it.
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP']);
        assert.equal((rig.host.events()[0]!.payload as { callId: string }).callId, call.callId);
        assert.deepEqual(rig.connector.calls, []);
    });

    for (const gateway of ['answers with the connected call', 'refuses the accept as CONFLICT']) {
        it(`the agent answers on the desk phone while ACCEPT_CALL is in flight, and the gateway ${gateway}: one CALL_CONNECTED, not an error`, async () => {
            rig = await startRig();
            const call = { callId: await rig.telephony.ring() };
            await rig.settle();
            rig.host.clear();
            // This gateway answers an accept of a connected call with the call; a gateway may say CONFLICT instead.
            if (gateway.includes('CONFLICT'))
                rig.wire.refuse = (f) =>
                    f.command === 'acceptCall'
                        ? { error: { code: 'CONFLICT', message: 'The call is not ringing.' } }
                        : undefined;
            rig.wire.holdRequests = true;
            rig.host.send({ type: 'ACCEPT_CALL', call: { callId: call.callId, callType: 'Inbound' } });
            await rig.settle();
            await rig.telephony.answer(call.callId);
            await rig.settle();
            await releaseRequests(rig);
            assert.deepEqual(rig.host.eventTypes(), ['CALL_CONNECTED']);
            assert.equal(rig.connector.calls[0]?.state, 'connected');
        });
    }

    it('the customer hangs up while a warm transfer is being placed: the HANGUP is announced, the transfer fails', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdRequests = true;
        await requestTransfer(rig, callId);
        // Only a blind transfer makes the library send HANGUP for the agent's call: this one is the connector's.
        await rig.telephony.hangUp(callId);
        await rig.settle();
        await releaseRequests(rig);
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP', 'AFTER_CALL_WORK_STARTED', 'PARTICIPANT_REMOVED', 'ERROR']);
        const [hangup, , removed, error] = rig.host.events();
        assert.equal((hangup!.payload as { callId: string }[])[0]!.callId, callId);
        assert.deepEqual(
            [removed!.payload, error!.payload],
            [{ reason: 'error' }, { message: 'CAN_NOT_ADD_PARTICIPANT' }]
        );
        assert.deepEqual(rig.connector.calls, []);
    });

    it('a desk-phone mute while MUTE is in flight: MUTE_TOGGLE once', async () => {
        rig = await startRig();
        await connectedCall(rig);
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'MUTE' });
        await rig.settle();
        await rig.telephony.mute(true);
        await rig.settle();
        await releaseRequests(rig);
        assert.deepEqual(rig.host.eventTypes(), ['MUTE_TOGGLE']);
    });

    it('the telephony side asks for a status while SET_AGENT_STATUS is in flight: both reach Salesforce', async () => {
        rig = await startRig();
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'SET_AGENT_STATUS', agentStatus: 'Online', statusInfo: { statusId: '0N5x' } });
        await rig.settle();
        assert.ok(
            rig.wire.requests.some((r) => r.command === 'setPresence'),
            'setAgentStatus() is waiting for the gateway'
        );
        await rig.telephony.tell({ type: 'presenceRequested', statusId: '0N5busy' });
        await rig.settle();
        await releaseRequests(rig);
        // The library answers the request with SET_AGENT_STATUS_RESULT; the telephony side's request is the
        // connector's own SET_AGENT_STATUS, and must not be mistaken for the library's answer and dropped.
        assert.deepEqual(rig.host.events(), [
            { type: 'SET_AGENT_STATUS', payload: { statusId: '0N5busy' } },
            { type: 'SET_AGENT_STATUS_RESULT', payload: { success: true } }
        ]);
    });

    it('an End Call reply written before the library ended a supervision does not bring the supervised call back', async () => {
        const adasCall = await supervisorRig();
        const callId = await connectedCall(rig);
        const ringing = { callId: await rig.telephony.ring() };
        await rig.settle();
        await send({ type: 'SUPERVISE_CALL', call: { callId: adasCall } });
        rig.host.clear();
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'END_CALL', call: { callId } });
        await drain();
        // The agent answers the ringing call on the desk phone. Publishing its CALL_CONNECTED makes the library end
        // the supervision first; that reply is applied at once, the End Call reply (listing the supervised call as
        // remaining) only after the event queue moves on.
        await rig.telephony.answer(ringing.callId);
        await drain();
        await releaseRequests(rig);
        assert.deepEqual(rig.host.eventTypes(), ['SUPERVISOR_HANGUP', 'CALL_CONNECTED', 'PARTICIPANT_REMOVED']);
        assert.deepEqual(
            rig.connector.calls.map((c) => c.callId),
            [ringing.callId]
        );
    });

    it('a gateway timeout is an error event, not a hang', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.refuse = (frame) =>
            frame.command === 'setHold' ? { error: { code: 'UNAVAILABLE', message: 'switch busy' } } : undefined;
        await send({ type: 'HOLD', call: { callId } });
        assert.deepEqual(rig.host.events(), [{ type: 'ERROR', payload: { message: 'CAN_NOT_HOLD_CALL' } }]);
    });
});

describe('a method that publishes what the library publishes', () => {
    /** A planted mistake: mute() announces the change itself, although the library announces mute()'s result. */
    class AnnouncesItsOwnMute extends SwitchboardConnector {
        override async mute(): Promise<sdk.MuteToggleResult> {
            const result = await super.mute();
            await this.publishTelephonyEvent('MUTE_TOGGLE', result);
            return result;
        }
    }

    it('fails loudly with DuplicateEventError in development and tests, and Salesforce gets no second event', async () => {
        rig = await startRig({ connector: AnnouncesItsOwnMute });
        await connectedCall(rig);
        await assert.rejects(
            rig.connector.mute(),
            (e: unknown) =>
                e instanceof DuplicateEventError &&
                /MUTE_TOGGLE would reach Salesforce as MUTE_TOGGLE, which scv-connector-base sends itself when mute\(\) resolves/.test(
                    e.message
                )
        );
        // Through the library, the rejection becomes an error the agent sees instead of a silent double toggle.
        await send({ type: 'MUTE' });
        assert.deepEqual(rig.host.events(), [{ type: 'ERROR', payload: { message: 'CAN_NOT_MUTE_CALL' } }]);
    });

    /** The guard's former blind spot: the same mistake, published from a timer well after mute() resolved. */
    const late: unknown[] = [];
    class AnnouncesItsOwnMuteLate extends SwitchboardConnector {
        override async mute(): Promise<sdk.MuteToggleResult> {
            const result = await super.mute();
            setTimeout(() => void this.publishTelephonyEvent('MUTE_TOGGLE', result).catch((e) => late.push(e)), 30);
            return result;
        }
        override async endCall(call: unknown): Promise<sdk.HangupResult> {
            const result = await super.endCall(call);
            setTimeout(() => void this.publishTelephonyEvent('HANGUP', result).catch((e) => late.push(e)), 30);
            return result;
        }
    }
    class LearnsOfItsOwnChanges extends SwitchboardConnector {
        /** A change the subclass learnt on its own: news, however late. */
        deskPhoneUnmuted(): Promise<void> {
            return this.publishTelephonyEvent('MUTE_TOGGLE', new sdk.MuteToggleResult({ isMuted: false }));
        }
    }

    it('a publish more than one turn after the method resolved is caught too: it repeats what Salesforce shows', async () => {
        late.length = 0;
        rig = await startRig({ connector: AnnouncesItsOwnMuteLate });
        const callId = await connectedCall(rig);
        await send({ type: 'MUTE' });
        await new Promise((resolve) => setTimeout(resolve, 80));
        await rig.settle();
        await send({ type: 'END_CALL', call: { callId } });
        await new Promise((resolve) => setTimeout(resolve, 80));
        await rig.settle();
        assert.deepEqual(
            late.map((e) => (e instanceof DuplicateEventError ? e.message.split(' (')[0] : String(e))),
            [
                'MUTE_TOGGLE repeats what Salesforce already shows',
                `HANGUP for call ${callId} repeats what Salesforce already shows`
            ]
        );
        assert.deepEqual(rig.host.eventTypes(), ['MUTE_TOGGLE', 'HANGUP', 'AFTER_CALL_WORK_STARTED']);
    });

    it('a late publish of a change Salesforce does not show yet still goes out', async () => {
        rig = await startRig({ connector: LearnsOfItsOwnChanges });
        await connectedCall(rig);
        await send({ type: 'MUTE' });
        await new Promise((resolve) => setTimeout(resolve, 30));
        await (rig.connector as LearnsOfItsOwnChanges).deskPhoneUnmuted();
        await rig.settle();
        assert.deepEqual(
            rig.host.events().map((e) => `${e.type}:${String((e.payload as { isMuted?: boolean }).isMuted)}`),
            ['MUTE_TOGGLE:true', 'MUTE_TOGGLE:false']
        );
        await assert.rejects((rig.connector as LearnsOfItsOwnChanges).deskPhoneUnmuted(), DuplicateEventError);
    });

    it('in production the duplicate is dropped and logged: one MUTE_TOGGLE', async () => {
        rig = await startRig({ connector: AnnouncesItsOwnMute, strictEvents: false });
        await connectedCall(rig);
        await send({ type: 'MUTE' });
        assert.deepEqual(rig.host.events(), [{ type: 'MUTE_TOGGLE', payload: { isMuted: true } }]);
        await send({ type: 'DOWNLOAD_VENDOR_LOGS' });
        assert.match(rig.downloads.at(-1)!.text, /ERROR dropped duplicate MUTE_TOGGLE: mute\(\) is in flight/);
    });
});

describe('the gateway refuses: the error event connector-sdk.md §5.3 names for each message', () => {
    type Setup = 'none' | 'ringing' | 'connected' | 'muted' | 'paused' | 'held' | 'transfer' | 'supervising';
    interface Row {
        message: (ids: { callId: string; leg: string }) => Record<string, unknown>;
        setup: Setup;
        /** The gateway command that fails. */
        command: CommandName;
        expected: { type: string; payload: unknown }[];
    }
    const error = (message: string) => [{ type: 'ERROR', payload: { message } }];
    const ROWS: Row[] = [
        {
            // The one message whose failure is an INFO, not an ERROR.
            message: ({ callId }) => ({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } }),
            setup: 'ringing',
            command: 'acceptCall',
            expected: [{ type: 'INFO', payload: { message: 'CAN_NOT_ACCEPT_THE_CALL' } }]
        },
        {
            message: ({ callId }) => ({ type: 'DECLINE_CALL', call: { callId } }),
            setup: 'ringing',
            command: 'declineCall',
            expected: error('CAN_NOT_DECLINE_THE_CALL')
        },
        {
            message: ({ callId }) => ({ type: 'END_CALL', call: { callId }, agentStatus: 'Online' }),
            setup: 'connected',
            command: 'endCall',
            expected: error('CAN_NOT_END_THE_CALL')
        },
        {
            message: () => ({ type: 'MUTE' }),
            setup: 'connected',
            command: 'setMute',
            expected: error('CAN_NOT_MUTE_CALL')
        },
        {
            message: () => ({ type: 'UNMUTE' }),
            setup: 'muted',
            command: 'setMute',
            expected: error('CAN_NOT_UNMUTE_CALL')
        },
        {
            message: ({ callId }) => ({ type: 'RESUME', call: { callId } }),
            setup: 'held',
            command: 'setHold',
            expected: error('CAN_NOT_RESUME_CALL')
        },
        {
            message: ({ callId, leg }) => ({
                type: 'SWAP_PARTICIPANTS',
                callToHold: { callId: leg },
                callToResume: { callId }
            }),
            setup: 'transfer',
            command: 'swap',
            expected: error('CAN_NOT_SWAP_PARTICIPANTS')
        },
        {
            message: ({ callId, leg }) => ({ type: 'CONFERENCE', calls: [{ callId }, { callId: leg }] }),
            setup: 'transfer',
            command: 'conference',
            expected: error('CAN_NOT_CONFERENCE')
        },
        {
            message: ({ callId }) => ({ type: 'PAUSE_RECORDING', call: { callId } }),
            setup: 'connected',
            command: 'setRecording',
            expected: error('CAN_NOT_PAUSE_RECORDING')
        },
        {
            message: ({ callId }) => ({ type: 'RESUME_RECORDING', call: { callId } }),
            setup: 'paused',
            command: 'setRecording',
            expected: error('CAN_NOT_RESUME_RECORDING')
        },
        {
            message: () => ({ type: 'GET_AGENT_STATUS' }),
            setup: 'none',
            command: 'getVendorStatus',
            expected: error('CAN_NOT_GET_AGENT_STATUS')
        },
        {
            message: ({ callId }) => ({ type: 'SUPERVISOR_DISCONNECT', call: { callId } }),
            setup: 'supervising',
            command: 'supervisorDisconnect',
            expected: error('CAN_NOT_DISCONNECT_SUPERVISOR')
        },
        {
            message: ({ callId }) => ({ type: 'SUPERVISOR_BARGE_IN', call: { callId } }),
            setup: 'supervising',
            command: 'bargeIn',
            expected: error('CAN_NOT_BARGE_IN_SUPERVISOR')
        },
        {
            message: () => ({ type: 'SUPERVISE_CALL', call: { callId: 'agent-call-7' } }),
            setup: 'none',
            command: 'supervise',
            expected: error('CAN_NOT_SUPERVISE_CALL')
        },
        {
            message: () => ({ type: 'GET_PHONE_CONTACTS', filter: { contains: 'a' } }),
            setup: 'none',
            command: 'getContacts',
            expected: error('CAN_NOT_GET_PHONE_CONTACTS')
        },
        {
            message: () => ({ type: 'SET_AGENT_CONFIG', config: { selectedPhone: { type: 'SOFT_PHONE' } } }),
            setup: 'none',
            command: 'setPhone',
            expected: error('CAN_NOT_SET_AGENT_CONFIG')
        },
        {
            // No statusInfo: no SET_AGENT_STATUS_RESULT {success:false} before the error.
            message: () => ({ type: 'SET_AGENT_STATUS', agentStatus: 'Online' }),
            setup: 'none',
            command: 'setPresence',
            expected: error('CAN_NOT_SET_AGENT_STATUS')
        },
        {
            message: () => ({ type: 'DIAL', contact: { phoneNumber: '+14155550123' } }),
            setup: 'none',
            command: 'dial',
            expected: [{ type: 'CALL_FAILED', payload: undefined }, ...error('CAN_NOT_START_THE_CALL')]
        }
    ];

    /** Starts the rig with the calls the message needs (a supervisor's rig to supervise). */
    async function prepare(setup: Setup): Promise<{ callId: string; leg: string }> {
        if (setup === 'supervising') {
            const adasCall = await supervisorRig();
            await send({ type: 'SUPERVISE_CALL', call: { callId: adasCall } });
            return { callId: adasCall, leg: '' };
        }
        rig = await startRig();
        if (setup === 'none') return { callId: '', leg: '' };
        if (setup === 'ringing') {
            const callId = await rig.telephony.ring();
            await rig.settle();
            return { callId, leg: '' };
        }
        const callId = await connectedCall(rig);
        if (setup === 'muted') await send({ type: 'MUTE' });
        if (setup === 'paused') await send({ type: 'PAUSE_RECORDING', call: { callId } });
        if (setup === 'held') await send({ type: 'HOLD', call: { callId } });
        if (setup !== 'transfer') return { callId, leg: '' };
        await addParticipant(callId, { phoneNumber: '+14155550199' }, false);
        const leg = rig.connector.calls.find((c) => c.participantType === 'Third_Party')!.callId;
        await rig.telephony.legAnswered(leg);
        await rig.settle();
        return { callId, leg };
    }

    for (const row of ROWS) {
        const message = row.message({ callId: 'c', leg: 'l' });
        it(`${String(message.type)}: ${row.expected.map((e) => (e.payload as { message?: string } | undefined)?.message ?? e.type).join(' then ')}`, async () => {
            const ids = await prepare(row.setup);
            const before = JSON.stringify(rig.connector.calls);
            rig.host.clear();
            rig.wire.refuse = (frame) =>
                frame.command === row.command
                    ? { error: { code: 'UNAVAILABLE', message: `${row.command} refused by the switch` } }
                    : undefined;
            await send(row.message(ids));
            assert.ok(
                rig.wire.requests.some((r) => r.command === row.command),
                `${row.command} reached the gateway`
            );
            assert.deepEqual(rig.host.events(), row.expected);
            assert.equal(JSON.stringify(rig.connector.calls), before, 'a refused request changes no call');
        });
    }
});

describe('queued callbacks', () => {
    it('a callback entering the queue is QUEUED_CALL_STARTED; accepting it is CALL_STARTED from the library', async () => {
        rig = await startRig();
        const callback = {
            callId: await rig.telephony.ring({ callback: true, queue: { id: 'q1', name: 'Callbacks' } })
        };
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['QUEUED_CALL_STARTED']);
        const queued = rig.host.events()[0]!.payload as { callId: string; callType: string; state: string };
        assert.deepEqual([queued.callId, queued.callType, queued.state], [callback.callId, 'Callback', 'ringing']);
        rig.host.clear();
        await send({ type: 'ACCEPT_CALL', call: { callId: callback.callId, callType: 'Callback' } });
        // The library announces an accepted callback as CALL_STARTED, not CALL_CONNECTED (connector-sdk.md §5.3).
        assert.deepEqual(rig.host.eventTypes(), ['CALL_STARTED']);
        const started = rig.host.events()[0]!.payload as { callId: string; callType: string; state: string };
        assert.deepEqual([started.callId, started.callType, started.state], [callback.callId, 'Callback', 'connected']);
        rig.host.clear();
        await send({ type: 'END_CALL', call: { callId: callback.callId } });
        assert.deepEqual(rig.host.eventTypes(), ['HANGUP', 'AFTER_CALL_WORK_STARTED']);
        assert.deepEqual(rig.connector.calls, []);
    });

    it('the customer cancels a queued callback: one HANGUP, no after-call work; a repeated queue event is not news', async () => {
        rig = await startRig();
        const callback = { callId: await rig.telephony.ring({ callback: true }) };
        // The gateway saying it again (the platform re-queued it) is not a new call.
        await rig.telephony.tell({ type: 'callbackQueued', call: (await rig.telephony.calls())[0]! });
        await rig.settle();
        await rig.telephony.hangUp(callback.callId);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['QUEUED_CALL_STARTED', 'HANGUP']);
    });

    it('a callback the agent picks up on the desk phone is CALL_CONNECTED from the connector', async () => {
        rig = await startRig();
        const callback = { callId: await rig.telephony.ring({ callback: true }) };
        await rig.settle();
        await rig.telephony.answer(callback.callId);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['QUEUED_CALL_STARTED', 'CALL_CONNECTED']);
    });
});

describe('coverage of the protocol', () => {
    it('every message type scv-connector-base 3.6.2 can deliver was exercised above', () => {
        const require = createRequire(import.meta.url);
        const pkg = require.resolve('@salesforce/scv-connector-base/package.json');
        const source = readFileSync(pkg.replace(/package\.json$/, 'src/main/constants.js'), 'utf8');
        const block = /MESSAGE_TYPE: \{([\s\S]*?)\}/.exec(source)![1]!;
        const all = [...block.matchAll(/^\s*(\w+)\s*:/gm)].map((m) => m[1]!);
        const outbound = new Set(['CONNECTOR_READY', 'TELEPHONY_EVENT_DISPATCHED']);
        const missing = all.filter((t) => !outbound.has(t) && !covered.has(t));
        assert.ok(all.length >= 29, 'parsed the library constants');
        assert.deepEqual(missing, []);
    });
});
