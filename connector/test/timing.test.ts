// Issue 13, "correct under any timing": each behaviour case as a race reproduced against the real gateway in
// process, with the test wire holding the gateway's replies (the gateway acted; its answer is late) or its requests
// (not acted yet) while the telephony side moves on.
import {
    callInProgress,
    connectedCall,
    type Rig,
    startGateway,
    startRig,
    stopAll,
    SUPERVISOR_ID,
    requestTransfer
} from './harness.js';
import { drain, type DispatchedEvent } from './salesforce-host.js';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';

let rig: Rig;
afterEach(stopAll);

/** Events as `TYPE` or `TYPE:value`, for the ones whose value matters. */
const shown = (events: DispatchedEvent[]): string[] =>
    events.map((e) => {
        const p = (e.payload ?? {}) as { isMuted?: boolean; isCustomerOnHold?: boolean; isRecordingPaused?: boolean };
        if (e.type === 'MUTE_TOGGLE') return `MUTE_TOGGLE:${String(p.isMuted)}`;
        if (e.type === 'HOLD_TOGGLE') return `HOLD_TOGGLE:${String(p.isCustomerOnHold)}`;
        if (e.type === 'RECORDING_TOGGLE') return `RECORDING_TOGGLE:${String(p.isRecordingPaused)}`;
        if (e.type === 'ERROR') return `ERROR:${String((p as { message?: string }).message)}`;
        return e.type;
    });

async function releaseReplies(r: Rig): Promise<void> {
    r.wire.holdReplies = false;
    r.wire.releaseReplies();
    await r.settle();
}

describe('1. stale replies after the call ended', () => {
    it('a HOLD reply that arrives after the customer hung up publishes nothing for the ended call', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'HOLD', call: { callId } });
        await rig.settle();
        await rig.telephony.hangUp(callId);
        await rig.settle();
        await releaseReplies(rig);
        // The library answers a failed method with its error event; no HOLD_TOGGLE follows the HANGUP.
        assert.deepEqual(shown(rig.host.events()), ['HANGUP', 'AFTER_CALL_WORK_STARTED', 'ERROR:INVALID_PARTICIPANT']);
        assert.deepEqual(rig.connector.calls, []);
    });

    it('a late ACCEPT reply (its CALL_CONNECTED) after the caller hung up does not revive the call', async () => {
        rig = await startRig();
        const callId = await rig.telephony.ring();
        await rig.settle();
        rig.host.clear();
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } });
        await rig.settle();
        await rig.telephony.hangUp(callId);
        await rig.settle();
        await releaseReplies(rig);
        const types = rig.host.eventTypes();
        assert.ok(!types.includes('CALL_CONNECTED'), types.join(' '));
        assert.equal(types[0], 'HANGUP');
        assert.deepEqual(rig.connector.calls, []);
    });

    it('a late RECORDING reply after the hang-up publishes no RECORDING_TOGGLE', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'PAUSE_RECORDING', call: { callId } });
        await rig.settle();
        await rig.telephony.hangUp(callId);
        await rig.settle();
        await releaseReplies(rig);
        assert.ok(!rig.host.eventTypes().includes('RECORDING_TOGGLE'), rig.host.eventTypes().join(' '));
        assert.deepEqual(rig.connector.calls, []);
    });
});

describe('2. the guard matches values, not only event types', () => {
    it('a desk-phone unmute while MUTE is in flight reaches Salesforce after the answer to MUTE', async () => {
        rig = await startRig();
        await connectedCall(rig);
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'MUTE' });
        await rig.settle();
        await rig.telephony.mute(false); // the gateway muted; the agent unmutes on the desk phone
        await rig.settle();
        await releaseReplies(rig);
        assert.deepEqual(shown(rig.host.events()), ['MUTE_TOGGLE:true', 'MUTE_TOGGLE:false']);
        assert.equal((await rig.telephony.calls()).length, 1);
    });

    it('a desk-phone resume while HOLD is in flight reaches Salesforce after the answer to HOLD', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'HOLD', call: { callId } });
        await rig.settle();
        await rig.telephony.hold(callId, false);
        await rig.settle();
        await releaseReplies(rig);
        assert.deepEqual(shown(rig.host.events()), ['HOLD_TOGGLE:true', 'HOLD_TOGGLE:false']);
        assert.equal(rig.connector.calls[0]?.isOnHold, false);
    });

    it('a recording resumed on the switch while PAUSE_RECORDING is in flight reaches Salesforce', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'PAUSE_RECORDING', call: { callId } });
        await rig.settle();
        await rig.telephony.recording(callId, false);
        await rig.settle();
        await releaseReplies(rig);
        assert.deepEqual(shown(rig.host.events()), ['RECORDING_TOGGLE:true', 'RECORDING_TOGGLE:false']);
        assert.equal(rig.connector.calls[0]?.isRecordingPaused, false);
    });

    it('the same change made on the desk phone while MUTE is in flight is still announced once', async () => {
        rig = await startRig();
        await connectedCall(rig);
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'MUTE' });
        await rig.settle();
        await rig.telephony.mute(true);
        await rig.settle();
        rig.wire.holdRequests = false;
        rig.wire.release();
        await rig.settle();
        assert.deepEqual(shown(rig.host.events()), ['MUTE_TOGGLE:true']);
    });
});

describe('4. late carrier retries', () => {
    it('a repeated "ringing" or "answered" for a call that ended does not resurrect it', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        const [call] = await rig.telephony.calls();
        await rig.telephony.hangUp(callId);
        await rig.settle();
        rig.host.clear();
        // The real gateway drops these; a gateway that relays them (another instance, a replay) must not matter.
        await rig.telephony.tell({ type: 'callRinging', call: { ...call!, state: 'ringing' } });
        await rig.telephony.tell({ type: 'callConnected', call: call! });
        await rig.telephony.tell({ type: 'holdChanged', callId, isOnHold: true });
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), []);
        assert.deepEqual(rig.connector.calls, []);
    });
});

describe('3. order when the far end answers before the reply', () => {
    it('DIAL: the far end answers before the reply arrives; Salesforce sees CALL_STARTED, then CALL_CONNECTED', async () => {
        rig = await startRig();
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'DIAL', contact: { phoneNumber: '+14155550123' } });
        await rig.settle();
        const [call] = await rig.telephony.calls();
        await rig.telephony.answer(call!.callId);
        await rig.settle();
        await releaseReplies(rig);
        assert.deepEqual(rig.host.eventTypes(), ['CALL_STARTED', 'CALL_CONNECTED']);
        assert.equal(rig.connector.calls[0]?.state, 'connected');
    });

    it('DIAL: the far end is busy before the reply arrives; Salesforce sees CALL_STARTED, then HANGUP', async () => {
        rig = await startRig();
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'DIAL', contact: { phoneNumber: '+14155550123' } });
        await rig.settle();
        const [call] = await rig.telephony.calls();
        await rig.telephony.hangUp(call!.callId);
        await rig.settle();
        await releaseReplies(rig);
        assert.deepEqual(rig.host.eventTypes().slice(0, 2), ['CALL_STARTED', 'HANGUP']);
        assert.deepEqual(rig.connector.calls, []);
    });

    it('ADD_PARTICIPANT: the target answers before the reply; PARTICIPANT_ADDED, then PARTICIPANT_CONNECTED', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdReplies = true;
        await requestTransfer(rig, callId);
        const leg = (await rig.telephony.calls()).find((c) => c.participantType === 'Third_Party')!;
        await rig.telephony.legAnswered(leg.callId);
        await rig.settle();
        await releaseReplies(rig);
        const types = rig.host.eventTypes().filter((t) => t !== 'HOLD_TOGGLE');
        assert.deepEqual(types, ['PARTICIPANT_ADDED', 'PARTICIPANT_CONNECTED']);
        assert.equal(rig.connector.calls.find((c) => c.callId === leg.callId)?.state, 'transferred');
    });
});

describe('5. ACCEPT that times out', () => {
    it('the gateway accepted but its reply is lost: Salesforce is told the call is connected', async () => {
        rig = await startRig({ requestTimeoutMs: 300 });
        const callId = await rig.telephony.ring();
        await rig.settle();
        rig.host.clear();
        rig.wire.holdReplies = true; // the reply never comes back in time
        rig.host.send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } });
        await new Promise((resolve) => setTimeout(resolve, 400));
        await rig.settle();
        rig.wire.holdReplies = false;
        await waitFor(() => rig.wire.connected === 1);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['CALL_CONNECTED']);
        assert.equal(rig.connector.calls[0]?.state, 'connected');
        assert.equal((await rig.telephony.calls())[0]?.state, 'connected');
    });

    it('the request reaches the gateway only after its timeout: the late answer is announced, once', async () => {
        rig = await startRig({ requestTimeoutMs: 300 });
        const callId = await rig.telephony.ring();
        await rig.settle();
        rig.host.clear();
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } });
        await new Promise((resolve) => setTimeout(resolve, 400));
        await rig.settle();
        // Salesforce got the error; the connector resynchronised: still ringing on both sides.
        assert.deepEqual(rig.host.eventTypes(), ['INFO']); // CAN_NOT_ACCEPT_THE_CALL
        await waitFor(() => rig.wire.connected === 1);
        rig.wire.holdRequests = false;
        rig.wire.release(); // the old connection's request is lost with it, as on a real network
        await rig.settle();
        const [onGateway] = await rig.telephony.calls();
        assert.equal(rig.connector.calls[0]?.state, onGateway?.state);
        assert.deepEqual(
            rig.host.eventTypes(),
            onGateway?.state === 'connected' ? ['INFO', 'CALL_CONNECTED'] : ['INFO']
        );
    });
});

async function waitFor(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 300 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(condition(), 'waited 3 s');
}

describe('8. privacy', () => {
    it('DTMF digits reach the gateway and no log: not the library LOGs Salesforce gets, not the downloaded log', async () => {
        rig = await startRig();
        await connectedCall(rig);
        const secret = '4111111111111111#';
        rig.host.send({ type: 'SEND_DIGITS', digits: secret });
        rig.host.send({ type: 'SEND_DIGITS', digits: '4111 1111 1111 1112' }); // refused: not DTMF
        await rig.settle();
        await rig.send({ type: 'DOWNLOAD_VENDOR_LOGS' });
        assert.deepEqual(
            rig.wire.requests
                .filter((r) => r.command === 'sendDigits')
                .map((r) => (r.params as { digits: string }).digits),
            [secret]
        );
        const seen = JSON.stringify(rig.host.received) + rig.downloads.map((d) => d.text).join('\n');
        const at = seen.indexOf('4111');
        assert.ok(at < 0, `the digits reached a log: ${seen.slice(Math.max(0, at - 300), at + 50)}`);
        assert.ok(seen.includes('[redacted]'), 'the library did log the message, redacted');
    });
});

describe('7. races the README listed as not handled', () => {
    it('a refused MUTE no longer loses the desk-phone mute the guard held back for it', async () => {
        rig = await startRig();
        await connectedCall(rig);
        rig.wire.refuse = (f) =>
            f.command === 'setMute' ? { error: { code: 'UNAVAILABLE', message: 'switch busy' } } : undefined;
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'MUTE' });
        await rig.settle();
        await rig.telephony.mute(true); // held back: the library would announce it as MUTE's answer
        await rig.settle();
        rig.wire.holdRequests = false;
        rig.wire.release();
        await rig.settle();
        assert.deepEqual(shown(rig.host.events()), ['ERROR:CAN_NOT_MUTE_CALL', 'MUTE_TOGGLE:true']);
    });

    it('a refused HOLD no longer loses the desk-phone hold the guard held back for it', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.refuse = (f) =>
            f.command === 'setHold' ? { error: { code: 'UNAVAILABLE', message: 'switch busy' } } : undefined;
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'HOLD', call: { callId } });
        await rig.settle();
        await rig.telephony.hold(callId, true);
        await rig.settle();
        rig.wire.holdRequests = false;
        rig.wire.release();
        await rig.settle();
        assert.deepEqual(shown(rig.host.events()), ['ERROR:CAN_NOT_HOLD_CALL', 'HOLD_TOGGLE:true']);
    });
});

describe('6. the gateway unreachable mid-call', () => {
    it('Salesforce is told, the call is kept, and what happened meanwhile is reconciled when the channel returns', async () => {
        rig = await startRig({ unreachableNoticeMs: 200 });
        const callId = await connectedCall(rig);
        rig.wire.unreachable = true;
        rig.wire.drop();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await rig.settle();
        const told = rig.host.events();
        assert.deepEqual(
            told.map((e) => e.type),
            ['ERROR', 'MESSAGE']
        );
        assert.equal((told[0]!.payload as { message?: string }).message, 'GENERIC_ERROR');
        assert.equal((told[1]!.payload as { type?: string }).type, 'gatewayUnreachable');
        assert.equal(rig.connector.calls[0]?.callId, callId, 'the call state is kept');
        await rig.telephony.hangUp(callId); // while the agent's browser cannot hear of it
        rig.host.clear();
        rig.wire.unreachable = false;
        await waitFor(() => rig.wire.connected === 1);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['MESSAGE', 'HANGUP', 'AFTER_CALL_WORK_STARTED']);
        assert.equal((rig.host.events()[0]!.payload as { type?: string }).type, 'gatewayReachable');
        assert.deepEqual(rig.connector.calls, []);
    });

    it('a blip shorter than the notice is not news', async () => {
        rig = await startRig({ unreachableNoticeMs: 5000 });
        await connectedCall(rig);
        rig.wire.drop();
        await waitFor(() => rig.wire.connected === 1);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), []);
    });
});

describe('7. a refused request and the departure it held back', () => {
    it('the customer hangs up while a blind transfer is in flight and the transfer fails: the HANGUP still comes', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdRequests = true;
        await requestTransfer(rig, callId, { blind: true });
        await rig.telephony.hangUp(callId); // held back: a blind transfer's result is the library's HANGUP
        await rig.settle();
        rig.wire.holdRequests = false;
        rig.wire.release();
        await rig.settle();
        const departures = rig.host
            .events()
            .filter((e) => e.type === 'HANGUP' && JSON.stringify(e.payload).includes(callId));
        assert.equal(departures.length, 1, rig.host.eventTypes().join(' '));
        assert.deepEqual(rig.connector.calls, []);
    });
});

describe('6. a warm transfer whose reply is lost with the connection', () => {
    it('the leg the gateway added is announced after the reconnect (seed 473773353): PARTICIPANT_ADDED, not lost', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdReplies = true; // the gateway adds the leg; its reply is on the wire when the socket drops
        await requestTransfer(rig, callId);
        rig.wire.drop();
        await releaseReplies(rig); // lost with its connection
        await waitFor(() => rig.wire.connected === 1);
        await rig.settle();
        const leg = (await rig.telephony.calls()).find((c) => c.participantType === 'Third_Party')!;
        // The library answers the failed request (the leg's removal with reason "error", and its error); the
        // snapshot then shows the leg, which Salesforce must see.
        const events = rig.host.events().filter((e) => e.type !== 'HOLD_TOGGLE');
        assert.deepEqual(
            events.map((e) => e.type),
            ['PARTICIPANT_REMOVED', 'ERROR', 'PARTICIPANT_ADDED']
        );
        assert.equal((events[2]!.payload as { callId?: string }).callId, leg.callId);
        assert.equal(rig.connector.calls.find((c) => c.callId === leg.callId)?.state, 'transferring');
    });

    it('the leg answered before the reconnect: PARTICIPANT_ADDED, then PARTICIPANT_CONNECTED', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdReplies = true;
        await requestTransfer(rig, callId);
        rig.wire.unreachable = true;
        rig.wire.drop();
        await releaseReplies(rig);
        const leg = (await rig.telephony.calls()).find((c) => c.participantType === 'Third_Party')!;
        await rig.telephony.legAnswered(leg.callId);
        rig.wire.unreachable = false;
        await waitFor(() => rig.wire.connected === 1);
        await rig.settle();
        const events = rig.host.events().filter((e) => e.type !== 'HOLD_TOGGLE');
        assert.deepEqual(
            events.map((e) => e.type),
            ['PARTICIPANT_REMOVED', 'ERROR', 'PARTICIPANT_ADDED', 'PARTICIPANT_CONNECTED']
        );
        assert.equal(rig.connector.calls.find((c) => c.callId === leg.callId)?.state, 'transferred');
    });
});

describe('7. ACCEPT racing a desk-phone answer under supervision', () => {
    /** Grace supervises a call of Ada's; a call rings for Grace. Returns the ringing call's id. */
    async function supervisingWithRinging(): Promise<string> {
        const gateway = await startGateway();
        const adasCall = await callInProgress(gateway);
        rig = await startRig({ gateway, agentId: SUPERVISOR_ID });
        await rig.send({ type: 'SUPERVISE_CALL', call: { callId: adasCall } });
        const ringing = await rig.telephony.ring();
        await rig.settle();
        rig.host.clear();
        return ringing;
    }

    /**
     * Salesforce accepts `accepted` while `answered` is answered on the desk phone: the library first calls
     * supervisorDisconnect() (held on the wire), then acceptCall(); the wire is released once both happened.
     */
    async function acceptWhileDeskPhoneAnswers(accepted: string, answered: string): Promise<void> {
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'ACCEPT_CALL', call: { callId: accepted, callType: 'Inbound' } });
        await drain();
        await rig.telephony.answer(answered);
        await drain();
        rig.wire.holdRequests = false;
        rig.wire.release();
        await rig.settle();
        await rig.settle();
    }

    it('answered on the desk phone while the library ends the supervision for ACCEPT_CALL: each event once', async () => {
        const ringing = await supervisingWithRinging();
        await acceptWhileDeskPhoneAnswers(ringing, ringing);
        assert.deepEqual(rig.host.eventTypes(), ['SUPERVISOR_HANGUP', 'CALL_CONNECTED']);
        assert.deepEqual(
            rig.connector.calls.map((c) => `${c.callId}:${c.state}`),
            [`${ringing}:connected`]
        );
    });

    it('another ringing call answered on the desk phone meanwhile: its CALL_CONNECTED follows the supervision end', async () => {
        const accepted = await supervisingWithRinging();
        const other = await rig.telephony.ring();
        await rig.settle();
        rig.host.clear();
        await acceptWhileDeskPhoneAnswers(accepted, other);
        const events = rig.host.events();
        assert.equal(events.filter((e) => e.type === 'SUPERVISOR_HANGUP').length, 1, rig.host.eventTypes().join(' '));
        assert.equal(events[0]?.type, 'SUPERVISOR_HANGUP');
        const connected = events
            .filter((e) => e.type === 'CALL_CONNECTED')
            .map((e) => (e.payload as { callId: string }).callId)
            .sort();
        assert.deepEqual(connected, [accepted, other].sort());
    });
});

describe('7. a refused ACCEPT_CALL and the CALL_CONNECTED it held back', () => {
    it('answered on the desk phone while ACCEPT is in flight, then the request is lost: CALL_CONNECTED still comes', async () => {
        rig = await startRig();
        const callId = await rig.telephony.ring();
        await rig.settle();
        rig.host.clear();
        rig.wire.refuse = (f) =>
            f.command === 'acceptCall' ? { error: { code: 'UNAVAILABLE', message: 'switch busy' } } : undefined;
        rig.wire.holdRequests = true;
        rig.host.send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } });
        await rig.settle();
        await rig.telephony.answer(callId); // held back: the library would announce it as ACCEPT's answer
        await rig.settle();
        rig.wire.holdRequests = false;
        rig.wire.release();
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['INFO', 'CALL_CONNECTED']);
        assert.equal(rig.connector.calls[0]?.state, 'connected');
    });
});

describe('6. a lost request and the events that are not state', () => {
    it('a status request sent while a lost DIAL reconnects is still announced, and so is the dialled call', async () => {
        rig = await startRig();
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'DIAL', contact: { phoneNumber: '+14155550123' } });
        await rig.settle();
        rig.wire.unreachable = true;
        rig.wire.drop();
        await releaseReplies(rig); // the dial's reply is lost with its connection
        await rig.telephony.tell({ type: 'presenceRequested', statusId: '0N5busy' });
        rig.wire.unreachable = false;
        await waitFor(() => rig.wire.connected === 1);
        await rig.settle();
        const [dialled] = await rig.telephony.calls();
        // The library answers the lost DIAL with its error; a snapshot alone would lose the status request.
        assert.deepEqual(rig.host.eventTypes(), ['CALL_FAILED', 'ERROR', 'SET_AGENT_STATUS', 'CALL_STARTED']);
        assert.equal(rig.connector.calls[0]?.callId, dialled?.callId);
    });
});

describe('6. a request lost with the connection after its echo', () => {
    it('HOLD: the gateway held the call, its reply is lost; Salesforce gets the error, then the hold', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'HOLD', call: { callId } });
        await rig.settle(); // the echo (held, causedBy this request) has arrived; the reply waits on the wire
        rig.wire.drop();
        await releaseReplies(rig); // lost with its connection
        await waitFor(() => rig.wire.connected === 1);
        await rig.settle();
        assert.deepEqual(shown(rig.host.events()), ['ERROR:CAN_NOT_HOLD_CALL', 'HOLD_TOGGLE:true']);
        assert.equal((await rig.telephony.calls())[0]?.isOnHold, true);
    });

    it('ACCEPT: the gateway connected the call, its reply is lost; Salesforce still sees CALL_CONNECTED', async () => {
        rig = await startRig();
        const callId = await rig.telephony.ring();
        await rig.settle();
        rig.host.clear();
        rig.wire.holdReplies = true;
        rig.host.send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } });
        await rig.settle();
        rig.wire.drop();
        await releaseReplies(rig);
        await waitFor(() => rig.wire.connected === 1);
        await rig.settle();
        assert.deepEqual(rig.host.eventTypes(), ['INFO', 'CALL_CONNECTED']);
        assert.equal(rig.connector.calls[0]?.state, 'connected');
    });
});

describe('7. two unrelated calls at once (Salesforce wish unconfirmed: the safe behaviour)', () => {
    it('the connected customer hangs up while another call rings: a HANGUP of that call, and the ringing call goes on', async () => {
        rig = await startRig();
        const first = await connectedCall(rig);
        const second = await rig.telephony.ring();
        await rig.settle();
        await rig.telephony.hangUp(first);
        await rig.settle();
        // PARTICIPANT_REMOVED would make the library look for a transfer leg and throw: the end would be lost.
        const hangup = rig.host.events().find((e) => e.type === 'HANGUP');
        assert.ok(hangup, rig.host.eventTypes().join(' '));
        assert.match(JSON.stringify(hangup.payload), new RegExp(first));
        assert.ok(!rig.host.eventTypes().includes('PARTICIPANT_REMOVED'));
        await rig.send({ type: 'ACCEPT_CALL', call: { callId: second, callType: 'Inbound' } });
        assert.deepEqual(rig.host.eventTypes(), ['CALL_STARTED', 'HANGUP', 'CALL_CONNECTED']);
        assert.deepEqual(
            rig.connector.calls.map((c) => `${c.callId}:${c.state}`),
            [`${second}:connected`]
        );
    });
});

describe('7. DECLINE_CALL of a call that is no longer ringing', () => {
    it('while its warm transfer is in flight (the leg not known yet): refused, the leg is announced', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        rig.wire.holdReplies = true;
        await requestTransfer(rig, callId);
        rig.host.send({ type: 'DECLINE_CALL', call: { callId } });
        await rig.settle();
        await releaseReplies(rig);
        assert.deepEqual(
            rig.host.eventTypes().filter((t) => t !== 'HOLD_TOGGLE'),
            ['ERROR', 'PARTICIPANT_ADDED']
        );
        assert.equal((await rig.telephony.calls()).length, 2);
        assert.equal(rig.connector.calls.length, 2);
    });

    it('with a transfer leg live: refused (the library would HANGUP the whole conversation), both sides agree', async () => {
        rig = await startRig();
        const callId = await connectedCall(rig);
        await rig.send({
            type: 'ADD_PARTICIPANT',
            contact: { phoneNumber: '+14155550199' },
            call: { callId },
            isBlindTransfer: false
        });
        rig.host.clear();
        await rig.send({ type: 'DECLINE_CALL', call: { callId } });
        assert.deepEqual(shown(rig.host.events()), ['ERROR:CAN_NOT_DECLINE_THE_CALL']);
        const view = (calls: readonly { callId: string; state: string }[]) =>
            calls.map((c) => `${c.callId}:${c.state}`).sort();
        assert.deepEqual(view(rig.connector.calls), view(await rig.telephony.calls()));
        assert.equal(rig.connector.calls.length, 2);
    });
});
