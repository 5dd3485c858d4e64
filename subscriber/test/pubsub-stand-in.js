// A local stand-in of the Salesforce Pub/Sub API (eventbus.v1.PubSub, the .proto shipped with the client): TLS with a
// self-signed certificate, the three authentication headers the client sends, GetTopic, GetSchema, and Subscribe with
// replay presets, replay IDs as 8 bytes, flow control (num_requested) and Avro-encoded payloads. It implements what
// the subscriber uses; Publish, PublishStream and ManagedSubscribe answer UNIMPLEMENTED.
//
// The Avro encoder is written here rather than borrowed from the client's avro-js, so the test would catch a payload
// that the client decodes differently from the way the Avro specification encodes it.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const PROTO = join(
    dirname(fileURLToPath(import.meta.resolve('salesforce-pubsub-api-client'))),
    '..',
    'pubsub_api.proto'
);

/**
 * The schema Salesforce serves for Switchboard_Call_Event__e, in the documented shape of platform event schemas
 * (REST API "Platform Event Schema by Event Name": record in com.sforce.eventbus, CreatedDate long, CreatedById string,
 * each custom field a union of null and its type, default null). Date-time fields travel as epoch milliseconds.
 */
const CALL_EVENT_SCHEMA = {
    name: 'Switchboard_Call_Event__e',
    namespace: 'com.sforce.eventbus',
    type: 'record',
    fields: [
        { name: 'CreatedDate', type: 'long', doc: 'CreatedDate:DateTime' },
        { name: 'CreatedById', type: 'string', doc: 'CreatedBy:EntityId' },
        ...[
            ['Event_Type__c', 'string', 'Text'],
            ['Voice_Call_Id__c', 'string', 'Text'],
            ['Vendor_Call_Key__c', 'string', 'Text'],
            ['Related_Record_Id__c', 'string', 'Text'],
            ['Disposition__c', 'string', 'Text'],
            ['Call_Type__c', 'string', 'Text'],
            ['Occurred_At__c', 'long', 'DateTime']
        ].map(([name, type, doc]) => ({ name, type: ['null', type], doc: `Data:${doc}`, default: null }))
    ]
};

/** Avro binary encoding (Avro 1.11 specification, "Binary Encoding") of the types platform event schemas use. */
function avroEncode(type, value) {
    const out = [];
    const long = (n) => {
        let z = (BigInt(n) << 1n) ^ (BigInt(n) >> 63n); // zig-zag
        do {
            let byte = Number(z & 0x7fn);
            z >>= 7n;
            if (z) byte |= 0x80;
            out.push(byte);
        } while (z);
    };
    const write = (t, v) => {
        if (Array.isArray(t)) {
            const index = v === null || v === undefined ? t.indexOf('null') : t.findIndex((u) => u !== 'null');
            long(index);
            return write(t[index], v);
        }
        if (typeof t === 'object') {
            if (t.type !== 'record') throw new Error(`stand-in: no encoder for ${t.type}`);
            for (const field of t.fields) write(field.type, v[field.name] ?? null);
            return;
        }
        switch (t) {
            case 'null':
                return;
            case 'boolean':
                return out.push(v ? 1 : 0);
            case 'long':
            case 'int':
                return long(v);
            case 'double': {
                const b = Buffer.alloc(8);
                b.writeDoubleLE(v);
                return out.push(...b);
            }
            case 'string': {
                const b = Buffer.from(v, 'utf8');
                long(b.length);
                return out.push(...b);
            }
            default:
                throw new Error(`stand-in: no encoder for ${t}`);
        }
    };
    write(type, value);
    return Buffer.from(out);
}

const replayBytes = (n) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    return b;
};

/**
 * Starts the stand-in on a free localhost port.
 * @param {object} options
 * @param {{ accessToken: string, instanceUrl: string, organizationId: string }} options.credentials what a caller must send
 * @param {Record<string, unknown>[]} [options.stored] payloads already on the channel (retained events)
 * @returns {Promise<StandIn>}
 */
export async function startStandIn({ credentials, stored = [] }) {
    const certDir = mkdtempSync(join(tmpdir(), 'switchboard-pubsub-'));
    // A throwaway certificate for localhost, made for this run only.
    execFileSync(
        'openssl',
        [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=localhost',
            '-addext',
            'subjectAltName=DNS:localhost',
            '-keyout',
            join(certDir, 'key.pem'),
            '-out',
            join(certDir, 'cert.pem')
        ],
        { stdio: 'ignore' }
    );
    const key = readFileSync(join(certDir, 'key.pem'));
    const cert = readFileSync(join(certDir, 'cert.pem'));
    rmSync(certDir, { recursive: true, force: true });

    const schemaId = 'sbCallEvtSchema01';
    const topicName = '/event/Switchboard_Call_Event__e';
    const events = []; // { replayId, id, payload }
    let nextReplayId = 1_000;
    const subscriptions = new Set();
    const streams = new Set(); // every Subscribe call, so close() can end them with status OK
    const seen = { subscribeRequests: [], metadata: [], schemaRequests: 0 };

    const authorized = (call) => {
        const md = call.metadata.getMap();
        seen.metadata.push(md);
        return (
            md.accesstoken === credentials.accessToken &&
            md.instanceurl === credentials.instanceUrl &&
            md.tenantid === credentials.organizationId
        );
    };
    const unauthenticated = () => ({ code: grpc.status.UNAUTHENTICATED, details: 'Invalid access token (stand-in)' });

    const add = (payload) => {
        const event = { replayId: nextReplayId, id: randomUUID(), payload };
        nextReplayId += 7; // replay IDs are positions, not counters: consecutive events need not be contiguous
        events.push(event);
        return event;
    };
    stored.forEach(add);

    const consumerEvent = (e) => ({
        event: { id: e.id, schemaId, payload: avroEncode(CALL_EVENT_SCHEMA, e.payload), headers: [] },
        replayId: replayBytes(e.replayId)
    });

    const pump = (sub) => {
        const ready = events.filter((e) => e.replayId > sub.after).slice(0, sub.pending);
        if (ready.length === 0) return;
        sub.after = ready.at(-1).replayId;
        sub.pending -= ready.length;
        sub.stream.write({
            events: ready.map(consumerEvent),
            latestReplayId: replayBytes(sub.after),
            rpcId: randomUUID(),
            pendingNumRequested: sub.pending
        });
    };

    const service = {
        GetTopic(call, callback) {
            if (!authorized(call)) return callback(unauthenticated());
            if (call.request.topicName !== topicName)
                return callback({ code: grpc.status.NOT_FOUND, details: 'no such topic' });
            callback(null, {
                topicName,
                tenantGuid: credentials.organizationId,
                canPublish: true,
                canSubscribe: true,
                schemaId,
                rpcId: randomUUID()
            });
        },
        GetSchema(call, callback) {
            if (!authorized(call)) return callback(unauthenticated());
            seen.schemaRequests++;
            if (call.request.schemaId !== schemaId)
                return callback({ code: grpc.status.NOT_FOUND, details: 'no such schema' });
            callback(null, { schemaJson: JSON.stringify(CALL_EVENT_SCHEMA), schemaId, rpcId: randomUUID() });
        },
        Subscribe(stream) {
            if (!authorized(stream)) {
                stream.emit('error', unauthenticated());
                return;
            }
            const sub = { stream, pending: 0, after: null };
            streams.add(stream);
            stream.on('data', (request) => {
                seen.subscribeRequests.push({
                    ...request,
                    replayId: request.replayId?.length ? request.replayId.readBigUInt64BE() : null
                });
                if (sub.after === null) {
                    if (request.topicName !== topicName) {
                        stream.emit('error', {
                            code: grpc.status.NOT_FOUND,
                            details: `unknown topic ${request.topicName}`
                        });
                        return;
                    }
                    // replay_preset: 0 LATEST (tip of the stream), 1 EARLIEST (everything retained), 2 CUSTOM (after replay_id)
                    const preset = request.replayPreset ?? 0;
                    sub.after =
                        preset === 2
                            ? Number(request.replayId.readBigUInt64BE())
                            : preset === 1
                              ? 0
                              : (events.at(-1)?.replayId ?? 0);
                    subscriptions.add(sub);
                }
                sub.pending += request.numRequested;
                pump(sub);
                if (sub.pending > 0 && !events.some((e) => e.replayId > sub.after)) {
                    // Nothing to send: the keepalive the real service sends within 270 s, at once.
                    stream.write({
                        events: [],
                        latestReplayId: replayBytes(sub.after),
                        rpcId: randomUUID(),
                        pendingNumRequested: sub.pending
                    });
                }
            });
            stream.on('end', () => {
                subscriptions.delete(sub);
                stream.end();
            });
            stream.on('error', () => subscriptions.delete(sub));
            stream.on('cancelled', () => subscriptions.delete(sub));
        },
        Publish: (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED }),
        PublishStream: (stream) => stream.emit('error', { code: grpc.status.UNIMPLEMENTED }),
        ManagedSubscribe: (stream) => stream.emit('error', { code: grpc.status.UNIMPLEMENTED })
    };

    const definition = grpc.loadPackageDefinition(protoLoader.loadSync(PROTO, {}));
    const server = new grpc.Server();
    server.addService(definition.eventbus.v1.PubSub.service, service);
    const port = await new Promise((resolve, reject) =>
        server.bindAsync(
            'localhost:0',
            grpc.ServerCredentials.createSsl(null, [{ private_key: key, cert_chain: cert }], false),
            (error, bound) => (error ? reject(error) : resolve(bound))
        )
    );

    return {
        endpoint: `localhost:${port}`,
        seen,
        /** Publishes a call event to every live subscription, as Salesforce does after the publishing transaction. */
        publish(payload) {
            const event = add(payload);
            for (const sub of subscriptions) pump(sub);
            return event.replayId;
        },
        /** Replay IDs of every event on the channel. */
        replayIds: () => events.map((e) => e.replayId),
        // Ends open streams with status OK first: a cancelled call would surface in the client as an error event that
        // nobody listens to any more (the client's close() removes its listeners but leaves the call open).
        close: async () => {
            for (const stream of streams) if (!stream.destroyed) stream.end();
            await new Promise((resolve) => setTimeout(resolve, 50));
            server.forceShutdown();
        }
    };
}

/**
 * @typedef {object} StandIn
 * @property {string} endpoint host:port for SALESFORCE_PUBSUB_ENDPOINT
 * @property {{ subscribeRequests: object[], metadata: object[], schemaRequests: number }} seen what clients sent
 * @property {(payload: Record<string, unknown>) => number} publish
 * @property {() => number[]} replayIds
 * @property {() => Promise<void>} close
 */
