// Issue 13, "correct under any timing": each behaviour case as a race reproduced against the real gateway in
// process, with the test wire holding the gateway's replies (the gateway acted; its answer is late) or its requests
// (not acted yet) while the telephony side moves on.
import { connectedCall, type Rig, startRig, stopAll } from './harness.js';
import type { DispatchedEvent } from './salesforce-host.js';
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
        rig.host.send({
            type: 'ADD_PARTICIPANT',
            contact: { phoneNumber: '+14155550199' },
            call: { callId },
            isBlindTransfer: false
        });
        await rig.settle();
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
        rig.host.send({
            type: 'ADD_PARTICIPANT',
            contact: { phoneNumber: '+14155550199' },
            call: { callId },
            isBlindTransfer: true
        });
        await rig.settle();
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
