// The development simulator's HTTP routes: they validate what they are given and drive the simulated carrier.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import Fastify from 'fastify';
import type { CarrierEvent } from '../src/carrier/carrier-event.js';
import { SimulatedCarrier } from '../src/carrier/simulated-carrier.js';
import { registerSimulatorRoutes } from '../src/carrier/simulator-routes.js';

it('rings, speaks, lets a supervisor barge in and hangs up through the simulated carrier, and refuses bad input with the field named', async () => {
    const sent: CarrierEvent[] = [];
    const carrier = new SimulatedCarrier({
        sink: (events) => {
            if (events.some((e) => e.callId === 'nobody')) return Promise.reject(new Error('unknown call nobody'));
            sent.push(...events);
            return Promise.resolve();
        }
    });
    const app = Fastify();
    registerSimulatorRoutes(app, carrier);
    const rang = await app.inject({ method: 'POST', url: '/simulator/calls', payload: { agentId: 'agent-ada' } });
    assert.equal(rang.statusCode, 201);
    const { callId } = rang.json<{ callId: string }>();
    assert.equal(sent[0]?.type, 'call.ringing');
    const said = await app.inject({
        method: 'POST',
        url: `/simulator/calls/${callId}/say`,
        payload: { text: 'Hello' }
    });
    assert.equal(said.statusCode, 202);
    assert.equal(sent[1]?.type, 'transcript.utterance');
    const barged = await app.inject({
        method: 'POST',
        url: `/simulator/calls/${callId}/supervisor`,
        payload: { mode: 'barge', supervisorName: 'Grace Hopper' }
    });
    assert.equal(barged.statusCode, 202);
    assert.deepEqual(
        (({ type, callId: call, mode, supervisorId, supervisorName }) => ({
            type,
            call,
            mode,
            supervisorId,
            supervisorName
        }))(sent[2] as Extract<CarrierEvent, { type: 'supervisor.joined' }>),
        {
            type: 'supervisor.joined',
            call: callId,
            mode: 'barge',
            supervisorId: 'sim-supervisor',
            supervisorName: 'Grace Hopper'
        }
    );
    const badMode = await app.inject({
        method: 'POST',
        url: `/simulator/calls/${callId}/supervisor`,
        payload: { mode: 'whisper' }
    });
    assert.equal(badMode.statusCode, 400);
    assert.match(badMode.body, /\$\.mode/);
    assert.equal((await app.inject({ method: 'POST', url: `/simulator/calls/${callId}/hangup` })).statusCode, 202);
    assert.equal(sent[3]?.type, 'call.ended');
    const bad = await app.inject({ method: 'POST', url: '/simulator/calls', payload: { from: 'not a number' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /\$\.from/);
    const unknown = await app.inject({ method: 'POST', url: '/simulator/calls/nobody/hangup' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /unknown call nobody/);
    const unknownSupervised = await app.inject({
        method: 'POST',
        url: '/simulator/calls/nobody/supervisor',
        payload: { mode: 'listen' }
    });
    assert.equal(unknownSupervised.statusCode, 422);
    await app.close();
});
