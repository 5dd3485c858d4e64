// Development only: drive the simulated carrier over HTTP, as a telephony platform's customers would — ring a call,
// speak a transcript line, hang up — and as its supervisors would: listen in or barge in. The events still reach the gateway the real way (signed POSTs to
// /carrier/events), so what follows is what a real carrier's call causes.
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { describeIssues } from './carrier-event.js';
import type { SimulatedCarrier } from './simulated-carrier.js';

const phone = v.pipe(v.string(), v.regex(/^\+?[0-9]{3,20}$/, 'a phone number such as +14155550100'));
const RingSchema = v.strictObject({
    from: v.optional(phone),
    to: v.optional(phone),
    /** Ring this agent straight away; without it, Salesforce's Omni-Channel flow decides (emulated). */
    agentId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
    attributes: v.optional(v.record(v.string(), v.pipe(v.string(), v.maxLength(4096))))
});
const SaySchema = v.strictObject({
    speaker: v.optional(v.picklist(['customer', 'agent', 'virtual_agent'])),
    text: v.pipe(v.string(), v.minLength(1), v.maxLength(10_000))
});
const SupervisorSchema = v.strictObject({
    mode: v.picklist(['listen', 'barge']),
    supervisorId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
    supervisorName: v.optional(v.pipe(v.string(), v.maxLength(255)))
});

export function registerSimulatorRoutes(app: FastifyInstance, carrier: SimulatedCarrier): void {
    // In a scope of their own, so their error handler is theirs alone.
    void app.register((scope, _options, done) => {
        simulatorRoutes(scope, carrier);
        done();
    });
}

function simulatorRoutes(app: FastifyInstance, carrier: SimulatedCarrier): void {
    // The gateway's refusal of what the simulator sent (an unknown call...) is the answer, with its reason.
    app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) =>
        reply
            .code(error.statusCode && error.statusCode < 500 ? error.statusCode : 422)
            .send({ errors: [error.message] })
    );
    app.post('/simulator/calls', async (request, reply) => {
        const parsed = v.safeParse(RingSchema, request.body ?? {});
        if (!parsed.success) return reply.code(400).send({ errors: describeIssues(parsed.issues) });
        const { from = '+14155550100', to = '+18005550199', agentId, attributes } = parsed.output;
        const callId = await carrier.ringInbound({
            from,
            to,
            ...(agentId ? { agentId } : {}),
            ...(attributes ? { attributes } : {})
        });
        return reply.code(201).send({ callId });
    });
    app.post<{ Params: { callId: string } }>('/simulator/calls/:callId/say', async (request, reply) => {
        const parsed = v.safeParse(SaySchema, request.body ?? {});
        if (!parsed.success) return reply.code(400).send({ errors: describeIssues(parsed.issues) });
        await carrier.say(request.params.callId, parsed.output.speaker ?? 'customer', parsed.output.text);
        return reply.code(202).send({});
    });
    app.post<{ Params: { callId: string } }>('/simulator/calls/:callId/supervisor', async (request, reply) => {
        const parsed = v.safeParse(SupervisorSchema, request.body ?? {});
        if (!parsed.success) return reply.code(400).send({ errors: describeIssues(parsed.issues) });
        await carrier.supervisorJoins(request.params.callId, parsed.output);
        return reply.code(202).send({});
    });
    app.post<{ Params: { callId: string } }>('/simulator/calls/:callId/hangup', async (request, reply) => {
        await carrier.hangUp(request.params.callId);
        return reply.code(202).send({});
    });
}
