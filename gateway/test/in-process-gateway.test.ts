// The in-process gateway the connector's tests run against, and the platform events the simulated carrier sends for
// them: what each becomes for the agent, through the real pipeline, ledger and agent-event log.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
    AGENT_CHANNEL_PROTOCOL,
    AGENT_CHANNEL_VERSION,
    decodeServerFrame,
    encodeClientFrame,
    type ServerFrame,
    type TelephonyEvent
} from '@switchboard/contracts';
import { type InProcessGateway, startInProcessGateway } from './in-process-gateway.js';

const ADA = 'agent-ada';
const numbers = { from: '+14155550100', to: '+18005550199' };

let g: InProcessGateway;
before(async () => {
    g = await startInProcessGateway({ capabilities: { deskPhone: true, blindTransfer: false } });
});
after(async () => {
    await g.close();
});

/** The agent's events from `seq` on. */
async function eventsAfter(seq: number): Promise<TelephonyEvent[]> {
    return (await g.agentEvents(ADA)).filter((e) => e.seq > seq).map((e) => e.event);
}

async function lastSeq(): Promise<number> {
    return (await g.agentEvents(ADA)).at(-1)?.seq ?? 0;
}

describe('the simulated carrier in the in-process gateway', () => {
    it('reports the capabilities it was given over its defaults', () => {
        assert.equal(g.carrier.capabilities.deskPhone, true);
        assert.equal(g.carrier.capabilities.blindTransfer, false);
        assert.equal(g.carrier.capabilities.mute, true);
    });

    it('queues a callback with its queue; the desk phone answers it, mutes, holds; recording pauses; the line fails', async () => {
        const from = await lastSeq();
        const callId = await g.carrier.ringInbound({
            ...numbers,
            agentId: ADA,
            direction: 'callback',
            queue: { id: 'q1', name: 'Callbacks' }
        });
        await g.carrier.answers(callId, ADA);
        await g.carrier.deskPhoneMute(callId, ADA, true);
        await g.carrier.deskPhoneHold(callId, true);
        await g.carrier.recordingChanges(callId, true);
        await g.carrier.fails(callId);
        const events = await eventsAfter(from);
        assert.deepEqual(
            events.map((e) => e.type),
            ['callbackQueued', 'callConnected', 'muteChanged', 'holdChanged', 'recordingChanged', 'callEnded']
        );
        const queued = events[0] as Extract<TelephonyEvent, { type: 'callbackQueued' }>;
        assert.deepEqual([queued.call.callType, queued.call.queue?.name], ['Callback', 'Callbacks']);
        assert.equal((events[5] as Extract<TelephonyEvent, { type: 'callEnded' }>).isError, true);
        assert.deepEqual(await g.liveCalls(ADA), []);
    });

    it('a mute on the desk phone is in the snapshot a signing-in connector starts from', async () => {
        const callId = await g.carrier.ringInbound({ ...numbers, agentId: ADA });
        await g.carrier.answers(callId, ADA);
        await g.carrier.deskPhoneMute(callId, ADA, true);
        const frames: ServerFrame[] = [];
        const handle = g.openAgentChannel({
            send: (text) => frames.push(decodeServerFrame(text) as ServerFrame),
            close: () => undefined
        });
        handle.message(
            encodeClientFrame({
                kind: 'hello',
                protocol: AGENT_CHANNEL_PROTOCOL,
                version: AGENT_CHANNEL_VERSION,
                credential: { kind: 'password', username: 'ada', password: 'ada-demo-password' },
                client: { name: 'in-process-gateway-test', version: '1' }
            })
        );
        const deadline = Date.now() + 5000;
        while (!frames.some((f) => f.kind === 'welcome') && Date.now() < deadline)
            await new Promise((resolve) => setTimeout(resolve, 5));
        handle.closed();
        const welcome = frames.find((f) => f.kind === 'welcome');
        assert.ok(welcome && welcome.kind === 'welcome', `no welcome: ${JSON.stringify(frames)}`);
        assert.equal(welcome.snapshot.agent.isMuted, true);
        await g.carrier.hangUp(callId);
    });

    it('a third party answers and hangs up; the call it joined goes on', async () => {
        const callId = await g.carrier.ringInbound({ ...numbers, agentId: ADA });
        await g.carrier.answers(callId, ADA);
        // What the gateway does for an agent's warm transfer: the platform adds the leg, the pipeline commits it.
        const added = await g.carrier.execute({
            action: 'addParticipant',
            agentId: ADA,
            callId,
            destination: { type: 'PhoneNumber', phoneNumber: '+14155550199' },
            blind: false
        });
        await g.gateway.pipeline.submit(added.events);
        const legId = added.callId!;
        assert.ok(g.carrier.isLeg(legId));
        assert.equal(g.carrier.isLeg(callId), false);
        const from = await lastSeq();
        await g.carrier.participantAnswers(legId);
        await g.carrier.participantHangsUp(legId);
        assert.equal(g.carrier.isLeg(legId), false);
        await assert.rejects(g.carrier.participantAnswers(legId), /no third-party leg/);
        await assert.rejects(g.carrier.participantHangsUp(legId), /no third-party leg/);
        assert.deepEqual(
            (await eventsAfter(from)).map((e) => e.type),
            ['participantConnected', 'callEnded']
        );
        assert.deepEqual(
            (await g.liveCalls(ADA)).map((c) => c.callId),
            [callId]
        );
        await g.carrier.hangUp(callId);
    });

    it('commits what the gateway tells an agent by itself, numbered after the rest', async () => {
        const from = await lastSeq();
        await g.tell(ADA, { type: 'presenceRequested', statusId: '0N5busy' });
        const [told] = (await g.agentEvents(ADA)).filter((e) => e.seq > from);
        assert.deepEqual(told, { seq: from + 1, event: { type: 'presenceRequested', statusId: '0N5busy' } });
    });

    it('refuses a carrier event the ledger rejects, loudly', async () => {
        await assert.rejects(g.carrier.answers('never-rang'), /rejected a carrier event/);
    });
});
