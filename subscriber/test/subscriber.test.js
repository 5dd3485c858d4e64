// End to end on this machine: the real Pub/Sub client (salesforce-pubsub-api-client) talks gRPC over TLS to the local
// stand-in of the Pub/Sub API, and the subscriber POSTs what it receives to a local webhook.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from '../src/main.js';
import { startStandIn } from './pubsub-stand-in.js';

const credentials = {
    accessToken: '00D000000000001AAA!stand-in-token',
    instanceUrl: 'https://switchboard-test.my.salesforce.com',
    organizationId: '00D000000000001AAA'
};
const SECRET = 'webhook-secret-for-tests';

const callEvent = (type, n, extra = {}) => ({
    CreatedDate: Date.UTC(2026, 11, 2, 9, 0, n),
    CreatedById: '005000000000001AAA',
    Event_Type__c: type,
    Voice_Call_Id__c: `0LQ00000000000${n}AAA`.slice(0, 18),
    Vendor_Call_Key__c: `vck-${n}`,
    Occurred_At__c: Date.UTC(2026, 11, 2, 9, 0, n),
    ...extra
});

/** A webhook that records what it receives and answers with the next status in `statuses` (then 204). */
function startWebhook() {
    const received = [];
    const statuses = [];
    const server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
            received.push({ headers: request.headers, body });
            response.statusCode = statuses.shift() ?? 204;
            response.end();
        });
    });
    return new Promise((resolve) =>
        server.listen(0, '127.0.0.1', () =>
            resolve({
                url: `http://127.0.0.1:${server.address().port}/calls`,
                received,
                statuses,
                close: () => {
                    server.closeAllConnections(); // fetch keeps connections alive
                    return new Promise((done) => server.close(done));
                }
            })
        )
    );
}

function run(args, env, onStop) {
    const out = { stdout: '', stderr: '' };
    const io = {
        stdout: { write: (s) => (out.stdout += s) },
        stderr: { write: (s) => (out.stderr += s) },
        onStop
    };
    return main(args, env, io).then((code) => ({ code, ...out }));
}

describe('subscriber against a local Pub/Sub API stand-in', () => {
    let standIn;
    let webhook;
    let env;
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-subscriber-'));

    before(async () => {
        standIn = await startStandIn({
            credentials,
            stored: [
                callEvent('Created', 1),
                callEvent('Connected', 2),
                callEvent('Ended', 3, { Related_Record_Id__c: '500000000000001AAA', Call_Type__c: 'Inbound' })
            ]
        });
        webhook = await startWebhook();
        env = {
            SALESFORCE_AUTH_TYPE: 'user-supplied',
            SALESFORCE_ACCESS_TOKEN: credentials.accessToken,
            SALESFORCE_INSTANCE_URL: credentials.instanceUrl,
            SALESFORCE_ORG_ID: credentials.organizationId,
            SALESFORCE_PUBSUB_ENDPOINT: standIn.endpoint,
            SALESFORCE_PUBSUB_SELF_SIGNED: 'true',
            SWITCHBOARD_WEBHOOK_URL: webhook.url,
            SWITCHBOARD_WEBHOOK_SECRET: SECRET
        };
    });
    after(async () => {
        await standIn?.close();
        await webhook?.close();
    });

    test('from the earliest retained event: each event is printed, POSTed signed, and its replay ID kept', async () => {
        const replayFile = join(dir, 'first.replay');
        const result = await run(['--from', 'earliest', '--count', '3', '--replay-file', replayFile], env);

        assert.equal(result.code, 0, result.stderr);
        const request = standIn.seen.subscribeRequests.at(-1);
        assert.equal(request.topicName, '/event/Switchboard_Call_Event__e');
        assert.equal(request.replayPreset, 1, 'EARLIEST');
        assert.equal(request.numRequested, 3, 'flow control: asks for no more than it will handle');
        assert.deepEqual(
            standIn.seen.metadata.at(-1),
            {
                ...standIn.seen.metadata.at(-1),
                accesstoken: credentials.accessToken,
                instanceurl: credentials.instanceUrl,
                tenantid: credentials.organizationId
            },
            'the three authentication headers'
        );

        assert.equal(webhook.received.length, 3);
        const bodies = webhook.received.map((r) => JSON.parse(r.body));
        assert.deepEqual(
            bodies.map((b) => b.eventType),
            ['Created', 'Connected', 'Ended'],
            'in order'
        );
        assert.deepEqual(bodies[2], {
            eventType: 'Ended',
            voiceCallId: '0LQ000000000003AAA',
            vendorCallKey: 'vck-3',
            relatedRecordId: '500000000000001AAA',
            disposition: null,
            callType: 'Inbound',
            occurredAt: '2026-12-02T09:00:03.000Z',
            publishedAt: '2026-12-02T09:00:03.000Z',
            replayId: String(standIn.replayIds()[2]),
            eventId: bodies[2].eventId
        });
        assert.match(bodies[2].eventId, /^[0-9a-f-]{36}$/, 'the Pub/Sub event id');
        for (const { headers, body } of webhook.received) {
            const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
            assert.equal(headers['x-switchboard-signature'], expected);
            assert.equal(headers['idempotency-key'], JSON.parse(body).eventId);
            assert.equal(headers['content-type'], 'application/json');
        }
        assert.match(result.stdout, /Created call 0LQ000000000001AAA, key vck-1/);
        assert.equal(result.stdout.trim().split('\n').length, 3);
        assert.equal(readFileSync(replayFile, 'utf8').trim(), String(standIn.replayIds()[2]));
    });

    test('a restart resumes after the stored replay ID: nothing repeated, nothing lost', async () => {
        const replayFile = join(dir, 'resume.replay');
        writeFileSync(replayFile, `${standIn.replayIds()[1]}\n`);
        const before = webhook.received.length;
        standIn.publish(callEvent('WrappedUp', 4, { Disposition__c: 'Resolved' }));

        const result = await run(['--count', '2', '--replay-file', replayFile, '--quiet'], env);

        assert.equal(result.code, 0, result.stderr);
        const request = standIn.seen.subscribeRequests.at(-1);
        assert.equal(request.replayPreset, 2, 'CUSTOM');
        assert.equal(request.replayId, BigInt(standIn.replayIds()[1]), 'the stored replay ID, as 8 bytes');
        const bodies = webhook.received.slice(before).map((r) => JSON.parse(r.body));
        assert.deepEqual(
            bodies.map((b) => [b.eventType, b.disposition]),
            [
                ['Ended', null],
                ['WrappedUp', 'Resolved']
            ]
        );
        assert.equal(result.stdout, '', '--quiet prints no events');
        assert.equal(readFileSync(replayFile, 'utf8').trim(), String(standIn.replayIds()[3]));
    });

    test('from the tip of the stream: live events arrive until the subscriber is stopped', async () => {
        const before = webhook.received.length;
        let stop;
        const running = run([], env, (s) => (stop = s));
        // Wait until the subscription is open (its first request reached the stand-in), then publish.
        const requests = standIn.seen.subscribeRequests.length;
        while (standIn.seen.subscribeRequests.length === requests) await new Promise((r) => setTimeout(r, 20));
        assert.equal(standIn.seen.subscribeRequests.at(-1).replayPreset, undefined, 'LATEST, the default preset');
        assert.equal(standIn.seen.subscribeRequests.at(-1).numRequested, 100, 'the client asks for 100 at a time');
        standIn.publish(callEvent('Created', 5));
        standIn.publish(callEvent('Connected', 5));
        while (webhook.received.length < before + 2) await new Promise((r) => setTimeout(r, 20));
        stop();

        const result = await running;
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, /stopped after 2 event\(s\)/);
        assert.deepEqual(
            webhook.received.slice(before).map((r) => JSON.parse(r.body).eventType),
            ['Created', 'Connected'],
            'only events published after subscribing'
        );
    });

    test('a webhook that refuses an event stops the subscriber before its replay ID is kept', async () => {
        const replayFile = join(dir, 'refused.replay');
        writeFileSync(replayFile, `${standIn.replayIds()[0]}\n`);
        webhook.statuses.push(400);

        const result = await run(['--count', '2', '--replay-file', replayFile], env);

        assert.equal(result.code, 1);
        assert.match(result.stderr, /the webhook answered HTTP 400 for replay ID/);
        assert.equal(readFileSync(replayFile, 'utf8').trim(), String(standIn.replayIds()[0]), 'not advanced');
    });

    test('a webhook that fails for a moment (503, then 429) gets the same event again', async () => {
        const before = webhook.received.length;
        webhook.statuses.push(503, 429);

        const result = await run(['--from', 'earliest', '--count', '1', '--quiet'], env);

        assert.equal(result.code, 0, result.stderr);
        const tries = webhook.received.slice(before);
        assert.equal(tries.length, 3);
        assert.equal(new Set(tries.map((t) => t.body)).size, 1, 'the same body each time');
        assert.equal(JSON.parse(tries[0].body).eventType, 'Created');
    });

    test('an access token the service refuses ends the run with the gRPC status', async () => {
        const result = await run(['--count', '1'], { ...env, SALESFORCE_ACCESS_TOKEN: '00D000000000001AAA!expired' });

        assert.equal(result.code, 1);
        assert.match(result.stderr, /Pub\/Sub API error 16: Invalid access token/, 'UNAUTHENTICATED');
    });

    test('a self-signed certificate is refused unless SALESFORCE_PUBSUB_SELF_SIGNED=true', async () => {
        const result = await run(['--count', '1'], { ...env, SALESFORCE_PUBSUB_SELF_SIGNED: undefined });

        assert.equal(result.code, 1);
        assert.match(result.stderr, /Pub\/Sub API error 14: .*self-signed certificate/, 'UNAVAILABLE');
    });

    test('more than the client asks for at once (100): it keeps asking, and stops at --count', async () => {
        const many = await startStandIn({
            credentials,
            stored: Array.from({ length: 130 }, (_, i) => callEvent('Created', i))
        });
        try {
            const replayFile = join(dir, 'many.replay');
            const result = await run(['--from', 'earliest', '--count', '120', '--quiet', '--replay-file', replayFile], {
                ...env,
                SALESFORCE_PUBSUB_ENDPOINT: many.endpoint,
                SWITCHBOARD_WEBHOOK_URL: undefined,
                SWITCHBOARD_WEBHOOK_SECRET: undefined
            });

            assert.equal(result.code, 0, result.stderr);
            assert.match(result.stderr, /stopped after 120 event\(s\)/);
            assert.deepEqual(
                many.seen.subscribeRequests.map((r) => r.numRequested),
                [100, 100],
                'a second request after the first 100'
            );
            assert.equal(readFileSync(replayFile, 'utf8').trim(), String(many.replayIds()[119]));
        } finally {
            await many.close();
        }
    });
});
