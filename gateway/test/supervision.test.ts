// Supervision end to end with the simulated carrier: a supervisor listens to an agent's call, barges in and leaves;
// an account that does not supervise the agent is refused; the supervisor's call ends with the supervised one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallSnapshot, ServerFrame } from '@switchboard/contracts';
import {
    applyCarrierEvent,
    keysTouched,
    relatedKeys,
    supervisorCallKey,
    toSnapshot,
    type LedgerCall
} from '../src/telephony/call-ledger.js';
import { CALL_CENTER, eventually, startHarness, TestAgent, type Harness } from './harness.js';

let h: Harness;
before(async () => {
    h = await startHarness({
        extraAgents: [
            {
                agentId: 'agent-lin',
                username: 'lin',
                displayName: 'Lin Clark',
                password: 'lin-demo-password',
                supervises: ['agent-grace']
            }
        ]
    });
});
after(async () => {
    await h.close();
});

type Welcome = ServerFrame & { kind: 'welcome' };

async function signedIn(username: 'ada' | 'grace' | 'lin'): Promise<TestAgent & { welcome: Welcome }> {
    const agent = new TestAgent(h.url);
    await agent.connect();
    const welcome = await agent.signIn({ kind: 'password', username, password: `${username}-demo-password` });
    assert.equal(welcome.kind, 'welcome');
    return Object.assign(agent, { welcome: welcome });
}

const numbers = { from: '+14155550100', to: '+18005550199' };

/** A call ringing for `agent` and answered by them. */
async function connectedCall(agent: TestAgent, agentId: string): Promise<string> {
    const from = agent.events().length;
    const callId = await h.carrier.ringInbound({ ...numbers, agentId });
    await agent.waitForEvent('callRinging', from);
    const accepted = await agent.request('acceptCall', { callId });
    assert.equal(accepted.ok, true);
    return callId;
}

function resultOf<T>(reply: ServerFrame & { kind: 'reply' }): T {
    assert.equal(reply.ok, true, reply.ok ? '' : `${reply.error.code}: ${reply.error.message}`);
    return (reply as { result: T }).result;
}

function errorOf(reply: ServerFrame & { kind: 'reply' }): { code: string; message: string } {
    assert.equal(reply.ok, false, 'the request is refused');
    return (reply as { error: { code: string; message: string } }).error;
}

describe('supervision', () => {
    it('advertises listening in and barging in', async () => {
        const grace = await signedIn('grace');
        assert.equal(grace.welcome.capabilities.supervisorListenIn, true);
        assert.equal(grace.welcome.capabilities.supervisorBargeIn, true);
        grace.close();
    });

    it('lets a supervisor listen silently, barge in (the agent is told) and leave, while the call goes on', async () => {
        const ada = await signedIn('ada');
        const grace = await signedIn('grace');
        const callId = await connectedCall(ada, 'agent-ada');
        await ada.waitForEvent('callConnected');
        const adaBefore = ada.events().length;
        await eventually(() => h.emulator.state.findVoiceCall(callId), 'the VoiceCall');
        const createsBefore = h.emulator.state.requests.filter((r) => r.kind === 'createVoiceCall').length;

        const supervise = await grace.request('supervise', { callId });
        const { call } = resultOf<{ call: CallSnapshot }>(supervise);
        assert.equal(call.callId, callId, 'the supervisor’s call goes by the supervised call’s id');
        assert.equal(call.participantType, 'Supervisor');
        assert.equal(call.state, 'connected');
        assert.equal(call.callType, 'Inbound');
        assert.equal(call.phoneNumber, numbers.from);
        assert.equal(call.hasSupervisorBargedIn, undefined);
        const joined = await grace.waitForEvent('callConnected');
        assert.equal(joined.causedBy, supervise.id, 'the echo names the request');
        assert.ok(grace.frames.indexOf(supervise) < grace.frames.indexOf(joined), 'the reply precedes its echo');

        const again = await grace.request('supervise', { callId });
        assert.deepEqual(resultOf<{ call: CallSnapshot }>(again).call, call, 'supervising twice is harmless');

        // Durable: a new connection of the supervisor finds the call in its snapshot.
        const graceTab = await signedIn('grace');
        assert.deepEqual(
            graceTab.welcome.snapshot.calls.map((c) => [c.callId, c.participantType, c.state]),
            [[callId, 'Supervisor', 'connected']]
        );
        graceTab.close();

        const barge = await grace.request('bargeIn', { callId });
        const barged = resultOf<{ call: CallSnapshot }>(barge).call;
        assert.equal(barged.callId, callId);
        assert.equal(barged.participantType, 'Supervisor');
        assert.equal(barged.hasSupervisorBargedIn, true);
        const told = await ada.waitForEvent('supervisorBargedIn', adaBefore);
        assert.deepEqual(told.event, { type: 'supervisorBargedIn', callId, supervisorName: 'Grace Hopper' });
        assert.equal(told.causedBy, undefined, 'news to the agent, not the echo of their own request');
        assert.deepEqual(
            ada
                .events()
                .slice(adaBefore)
                .map((e) => e.event.type),
            ['supervisorBargedIn'],
            'listening in told the agent nothing'
        );
        assert.equal(
            resultOf<{ call: CallSnapshot }>(await grace.request('bargeIn', { callId })).call.hasSupervisorBargedIn,
            true
        );

        const leave = await grace.request('supervisorDisconnect', { callId });
        const { ended } = resultOf<{ ended: CallSnapshot[] }>(leave);
        assert.deepEqual(
            ended.map((c) => [c.callId, c.participantType]),
            [[callId, 'Supervisor']]
        );
        const left = await grace.waitForEvent('callEnded');
        assert.equal(left.causedBy, leave.id);
        assert.equal((left.event as { callId: string }).callId, callId);

        // The supervised call goes on.
        assert.equal((await ada.request('setHold', { callId, onHold: true })).ok, true);
        const adaCalls = resultOf<{ calls: CallSnapshot[] }>(await ada.request('setHold', { callId, onHold: false }));
        assert.deepEqual(
            adaCalls.calls.map((c) => [c.callId, c.participantType, c.state]),
            [[callId, 'Initial_Caller', 'connected']]
        );
        // No event tells the agent (none is documented), but the call no longer says a supervisor is in it: a
        // softphone that resyncs sees it as it is.
        assert.equal(adaCalls.calls[0]?.hasSupervisorBargedIn, undefined);
        assert.ok(!ada.events().some((e) => e.event.type === 'callEnded'), 'the agent’s call did not end');
        const leaveAgain = await grace.request('supervisorDisconnect', { callId });
        assert.deepEqual(resultOf(leaveAgain), { ended: [] }, 'leaving twice ends nothing more');

        // Salesforce: listening is not a new call.
        await h.carrier.hangUp(callId);
        await eventually(() => h.emulator.state.findVoiceCall(callId)?.isActive === false || undefined, 'closed');
        assert.equal(
            h.emulator.state.requests.filter((r) => r.kind === 'createVoiceCall').length,
            createsBefore,
            'no VoiceCall for the supervisor'
        );
        assert.equal([...h.emulator.state.voiceCalls.values()].filter((c) => c.vendorCallKey === callId).length, 1);
        ada.close();
        grace.close();
    });

    it('refuses a supervisor who does not supervise the agent, with a sentence that says why', async () => {
        const ada = await signedIn('ada');
        const lin = await signedIn('lin');
        const grace = await signedIn('grace');
        const callId = await connectedCall(ada, 'agent-ada');

        const refused = errorOf(await lin.request('supervise', { callId }));
        assert.equal(refused.code, 'FORBIDDEN');
        assert.match(refused.message, /You may not supervise call .*: it is Ada Lovelace's call/);
        assert.match(refused.message, /does not list agent-ada among the agents you supervise \(agent-grace\)/);
        const byAda = errorOf(await ada.request('supervise', { callId }));
        assert.equal(byAda.code, 'CONFLICT');
        assert.match(byAda.message, /your own call/);
        assert.equal(errorOf(await lin.request('bargeIn', { callId })).code, 'UNKNOWN_CALL');
        assert.equal(errorOf(await lin.request('supervisorDisconnect', { callId })).code, 'UNKNOWN_CALL');
        assert.equal(errorOf(await grace.request('supervise', { callId: 'no-such-call' })).code, 'UNKNOWN_CALL');
        assert.match(
            errorOf(await grace.request('bargeIn', { callId })).message,
            /not supervising call .*: supervise it \(listen in\) first/
        );

        // A call still ringing has no conversation to listen to yet; a supervisor's call cannot be supervised.
        const ringing = await h.carrier.ringInbound({ ...numbers, agentId: 'agent-ada' });
        await eventually(
            () => ada.events().find((e) => e.event.type === 'callRinging' && e.event.call.callId === ringing),
            'ringing'
        );
        assert.equal(errorOf(await grace.request('supervise', { callId: ringing })).code, 'CONFLICT');
        await h.carrier.hangUp(ringing);

        // Supervisor's requests on the agent's call itself are still the agent's own business.
        resultOf(await grace.request('supervise', { callId }));
        assert.equal(errorOf(await grace.request('setHold', { callId, onHold: true })).code, 'FORBIDDEN');
        assert.equal(
            errorOf(await lin.request('supervise', { callId: `supervisor:agent-grace:${callId}` })).code,
            'INVALID_PARTICIPANT'
        );
        // A third party's leg is supervised through the agent's call.
        const leg = resultOf<{ call: CallSnapshot }>(
            await ada.request('addParticipant', {
                callId,
                destination: { type: 'PhoneNumber', phoneNumber: '+14155550123' },
                blind: false
            })
        ).call;
        const onLeg = errorOf(await grace.request('supervise', { callId: leg.callId }));
        assert.equal(onLeg.code, 'INVALID_PARTICIPANT');
        assert.match(onLeg.message, /third party's leg of call/);
        await h.carrier.hangUp(callId);
        await grace.waitForEvent('callEnded');
        ada.close();
        lin.close();
        grace.close();
    });

    it('ends the supervisor’s call when the supervised call ends, and the supervisor is told', async () => {
        const ada = await signedIn('ada');
        const grace = await signedIn('grace');

        // The customer hangs up.
        const first = await connectedCall(ada, 'agent-ada');
        resultOf(await grace.request('supervise', { callId: first }));
        const from = grace.events().length;
        await h.carrier.hangUp(first);
        const ended = await grace.waitForEvent('callEnded', from);
        assert.deepEqual(ended.event, {
            type: 'callEnded',
            callId: first,
            isError: false,
            reason: 'supervised call ended'
        });
        assert.equal(ended.causedBy, undefined);
        assert.deepEqual(resultOf(await grace.request('supervisorDisconnect', { callId: first })), { ended: [] });

        // The agent hangs up (their request): the supervisor hears of it as news too.
        const second = await connectedCall(ada, 'agent-ada');
        resultOf(await grace.request('supervise', { callId: second }));
        resultOf(await grace.request('bargeIn', { callId: second }));
        const before = grace.events().length;
        const adaFrom = ada.events().length;
        const hangUp = await ada.request('endCall', { callId: second });
        resultOf(hangUp);
        const told = await grace.waitForEvent('callEnded', before);
        assert.equal((told.event as { callId: string }).callId, second);
        assert.equal(told.causedBy, undefined, 'not the echo of the supervisor’s own request');
        const adaEnded = await ada.waitForEvent('callEnded', adaFrom);
        assert.equal(adaEnded.causedBy, hangUp.id);

        // Ending the supervisor's call is leaving it; the agent's call goes on.
        const third = await connectedCall(ada, 'agent-ada');
        resultOf(await grace.request('supervise', { callId: third }));
        const left = resultOf<{ ended: CallSnapshot[]; remaining: CallSnapshot[] }>(
            await grace.request('endCall', { callId: third })
        );
        assert.deepEqual(
            left.ended.map((c) => [c.callId, c.participantType]),
            [[third, 'Supervisor']]
        );
        assert.deepEqual(left.remaining, []);
        assert.deepEqual(resultOf(await grace.request('wrapUp', { callId: third })), {});
        assert.equal((await ada.request('setHold', { callId: third, onHold: true })).ok, true);
        await h.carrier.hangUp(third);

        const graceTab = await signedIn('grace');
        assert.deepEqual(graceTab.welcome.snapshot.calls, [], 'no supervisor call is left behind');
        graceTab.close();
        ada.close();
        grace.close();
    });
});

describe('supervision in the ledger', () => {
    const context = { callCenterApiName: CALL_CENTER, salesforceUsername: () => undefined };
    let n = 0;
    const envelope = (callId: string) => ({
        eventId: `ledger-${++n}`,
        callId,
        occurredAt: new Date(1_700_000_000_000 + n * 1000).toISOString()
    });
    function connected(): LedgerCall {
        const rang = applyCarrierEvent(
            new Map(),
            { ...envelope('L1'), type: 'call.ringing', direction: 'inbound', ...numbers, agentId: 'agent-ada' },
            context
        );
        assert.equal(rang.status, 'applied');
        const call = rang.status === 'applied' ? rang.calls[0]! : undefined;
        const answered = applyCarrierEvent(
            new Map([['L1', call!]]),
            { ...envelope('L1'), type: 'call.answered', agentId: 'agent-ada' },
            context
        );
        return answered.status === 'applied' ? answered.calls[0]! : assert.fail('not answered');
    }

    it('barges in straight away, sends Salesforce nothing, and ignores what does not concern a gateway supervisor', () => {
        const call = connected();
        const key = supervisorCallKey('L1', 'agent-grace');
        const barge = applyCarrierEvent(
            new Map([['L1', call]]),
            {
                ...envelope('L1'),
                type: 'supervisor.joined',
                supervisorId: 'x',
                mode: 'barge',
                agentId: 'agent-grace'
            },
            { ...context, causedBy: 'req-1', requestedBy: 'agent-grace' }
        );
        assert.equal(barge.status, 'applied');
        if (barge.status !== 'applied') return;
        assert.deepEqual(barge.jobs, []);
        const supervisor = barge.calls.find((c) => c.callKey === key)!;
        assert.equal(toSnapshot(supervisor).hasSupervisorBargedIn, true);
        assert.deepEqual(
            barge.agentEvents.map((e) => [e.agentId, e.event.type, e.causedBy]),
            [
                ['agent-grace', 'callConnected', 'req-1'],
                ['agent-ada', 'supervisorBargedIn', undefined]
            ]
        );
        const updated = barge.calls.find((c) => c.callKey === 'L1')!;
        assert.deepEqual(relatedKeys(updated), [key]);
        assert.deepEqual(keysTouched({ ...envelope('L1'), type: 'supervisor.left', supervisorId: 'x' }), ['L1']);
        const fromConsole = applyCarrierEvent(
            new Map([['L1', updated]]),
            { ...envelope('L1'), type: 'supervisor.left', supervisorId: 'x' },
            context
        );
        assert.equal(fromConsole.status, 'ignored');
        const again = applyCarrierEvent(
            new Map([
                ['L1', updated],
                [key, supervisor]
            ]),
            { ...envelope('L1'), type: 'supervisor.joined', supervisorId: 'x', mode: 'barge', agentId: 'agent-grace' },
            context
        );
        assert.equal(again.status, 'ignored');
        const onSupervisor = applyCarrierEvent(
            new Map([[key, supervisor]]),
            { ...envelope(key), type: 'supervisor.joined', supervisorId: 'y', mode: 'listen' },
            context
        );
        assert.equal(onSupervisor.status, 'rejected');
    });
});
