// The carrier endpoint: POST /carrier/events. Each request is checked in the order that costs least to refuse:
// size (fastify's body limit), signature and replay, UTF-8, JSON, schema — and only then its events go into the
// pipeline. The answer waits for the commit, so an accepted event is durable; the carrier retries anything else.
import type { FastifyInstance, FastifyPluginCallback } from 'fastify';
import { toJsonSchema } from '@valibot/to-json-schema';
import { CarrierEventSchema, parseCarrierPost, type CarrierEvent } from './carrier-event.js';
import { ReplayGuard, SIGNATURE_HEADER, verifySignature } from './signature.js';
import type { GatewayMetrics } from '../metrics.js';

/** Where accepted events go (the gateway's event pipeline): resolves once they are durable, one outcome each. */
interface CarrierEventSink {
    submit(
        events: CarrierEvent[]
    ): Promise<{ eventId: string; status: 'accepted' | 'duplicate' | 'ignored' | 'rejected' }[]>;
}

export interface CarrierRoutesOptions {
    pipeline: CarrierEventSink;
    secrets: readonly string[];
    toleranceSeconds: number;
    bodyLimitBytes: number;
    metrics: GatewayMetrics;
    now?: () => number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The JSON Schema of one carrier event, generated from the same valibot declaration the endpoint validates with. */
export function carrierEventJsonSchema(): Record<string, unknown> {
    return {
        $id: 'https://switchboard.dev/schemas/carrier-event.json',
        title: 'Switchboard carrier event',
        ...toJsonSchema(CarrierEventSchema, { errorMode: 'ignore' })
    };
}

export const carrierRoutes: FastifyPluginCallback<CarrierRoutesOptions> = (app: FastifyInstance, options, done) => {
    const replays = new ReplayGuard(options.toleranceSeconds, options.now);
    const refuse = (reason: string) => options.metrics.carrierRequestsRefused.inc({ reason });
    // The raw bytes are what was signed: keep them, and parse only after the signature holds.
    app.addContentTypeParser(
        'application/json',
        { parseAs: 'buffer', bodyLimit: options.bodyLimitBytes },
        (_request, body, done) => {
            done(null, body);
        }
    );

    app.get('/carrier/events/schema', (_request, reply) => reply.send(carrierEventJsonSchema()));

    app.post('/carrier/events', { bodyLimit: options.bodyLimitBytes }, async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) {
            refuse('content-type');
            return reply.code(415).send({ errors: ['send the events as Content-Type: application/json'] });
        }
        const header = request.headers[SIGNATURE_HEADER];
        const check = verifySignature(Array.isArray(header) ? header[0] : header, body, {
            secrets: options.secrets,
            toleranceSeconds: options.toleranceSeconds,
            ...(options.now ? { now: options.now } : {})
        });
        if (!check.ok) {
            refuse('signature');
            request.log.warn({ reason: check.reason }, 'carrier request refused: signature');
            return reply.code(401).send({ errors: [check.reason] });
        }
        if (!replays.accept(check.digest)) {
            refuse('replay');
            return reply.code(401).send({ errors: ['this signed request was already received: a replay is refused'] });
        }
        let text: string;
        try {
            text = utf8.decode(body);
        } catch {
            refuse('encoding');
            return reply.code(400).send({ errors: ['the body is not valid UTF-8'] });
        }
        let value: unknown;
        try {
            value = JSON.parse(text);
        } catch (error) {
            refuse('json');
            return reply.code(400).send({ errors: [`the body is not JSON: ${(error as Error).message}`] });
        }
        const parsed = parseCarrierPost(value);
        if (!parsed.ok) {
            refuse('schema');
            return reply.code(400).send({ errors: parsed.errors });
        }
        let results;
        try {
            results = await options.pipeline.submit(parsed.events);
        } catch (error) {
            request.log.error({ err: error }, 'carrier events not stored');
            replays.release(check.digest);
            return reply.code(503).send({ errors: ['the events could not be stored; send them again'] });
        }
        for (const result of results) options.metrics.carrierEvents.inc({ outcome: result.status });
        const rejected = results.some((r) => r.status === 'rejected');
        return reply.code(rejected ? 422 : 202).send({ results });
    });
    done();
};
