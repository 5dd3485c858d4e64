// The gateway end to end over loopback: simulated carrier → signed HTTP → gateway → Telephony Integration API
// emulator, with a raw agent-channel client as the agent.
import type { CallSnapshot } from '@switchboard/contracts';
import { contactMatchesFilter, type ContactFilterType } from '../src/carrier/carrier-adapter.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SIGNATURE_HEADER, signPayload } from '../src/carrier/signature.js';
import { CARRIER_SECRET, eventually, startHarness, TestAgent, type Harness } from './harness.js';

let h: Harness;
before(async () => {
    h = await startHarness();
});
after(async () => {
    await h.close();
});

async function signedIn(username: 'ada' | 'grace'): Promise<TestAgent> {
    const agent = new TestAgent(h.url);
    await agent.connect();
    const welcome = await agent.signIn({ kind: 'password', username, password: `${username}-demo-password` });
    assert.equal(welcome.kind, 'welcome');
    return agent;
}

const numbers = { from: '+14155550100', to: '+18005550199' };

describe('a call through the whole system', () => {
    it('creates the VoiceCall, routes it by the Omni-Channel flow, rings the agent, and closes it in Salesforce', async () => {
        const ada = await signedIn('ada');
        const callId = await h.carrier.ringInbound({ ...numbers, attributes: { IVR_Choice__c: 'billing' } });
        const ringing = await ada.waitForEvent('callRinging');
        assert.equal(ringing.causedBy, undefined);
        const voiceCall = await eventually(() => h.emulator.state.findVoiceCall(callId), 'the VoiceCall');
        assert.equal(voiceCall.create.initiationMethod, 'Inbound');
        assert.equal(voiceCall.create.from, numbers.from);
        assert.deepEqual(JSON.parse(voiceCall.create.callAttributes!), { IVR_Choice__c: 'billing' });
        assert.ok(h.emulator.state.requests.some((r) => r.kind === 'executeOmniFlow' && r.status === 200));

        const accepted = await ada.request('acceptCall', { callId });
        assert.equal(accepted.ok, true);
        const connected = await ada.waitForEvent('callConnected');
        assert.equal(connected.causedBy, accepted.id, 'the echo names the request');
        assert.ok(ada.frames.indexOf(accepted) < ada.frames.indexOf(connected), 'the reply precedes its echo');

        await h.carrier.say(callId, 'customer', 'My invoice is wrong.');
        await h.carrier.say(callId, 'agent', 'Let me look.');
        assert.equal((await ada.request('setHold', { callId, onHold: true })).ok, true);
        assert.equal((await ada.request('setHold', { callId, onHold: false })).ok, true);
        await h.carrier.hangUp(callId);
        const ended = await ada.waitForEvent('callEnded');
        assert.equal(ended.causedBy, undefined);

        const closed = await eventually(() => {
            const call = h.emulator.state.findVoiceCall(callId);
            return call && !call.isActive ? call : undefined;
        }, 'the VoiceCall closed');
        assert.equal(closed.fields.numberOfHolds, 1);
        assert.equal(closed.fields.agent, 'ada@example.com');
        assert.ok(closed.fields.acceptTime);
        const transcript = await eventually(() => {
            const t = h.emulator.state.transcripts.get(callId);
            return t && t.messages.length === 2 ? t : undefined;
        }, 'two transcript lines');
        assert.deepEqual(
            transcript.messages.map((m) => [m.senderType, m.participantId]),
            [
                ['END_USER', numbers.from],
                ['HUMAN_AGENT', 'ada@example.com']
            ]
        );
        const seqs = ada.events().map((e) => e.seq);
        assert.deepEqual(
            seqs,
            [...seqs].sort((a, b) => a - b),
            'events arrive in sequence'
        );
        ada.close();
    });

    it('refuses an agent acting on another agent’s call', async () => {
        const ada = await signedIn('ada');
        const grace = await signedIn('grace');
        const callId = await h.carrier.ringInbound({ ...numbers, agentId: 'agent-ada' });
        await ada.waitForEvent('callRinging');
        const stolen = await grace.request('acceptCall', { callId });
        assert.equal(stolen.ok, false);
        assert.equal(!stolen.ok && stolen.error.code, 'FORBIDDEN');
        const unknown = await grace.request('endCall', { callId: 'no-such-call' });
        assert.equal(!unknown.ok && unknown.error.code, 'UNKNOWN_CALL');
        const wrapUp = await grace.request('wrapUp', { callId });
        assert.equal(!wrapUp.ok && wrapUp.error.code, 'FORBIDDEN', 'wrap-up checks ownership too');
        const recording = await grace.request('signRecordingUrl', {
            recordingUrl: 'https://recordings.example.com/a.wav',
            vendorCallKey: callId,
            callId: '0LQWt0000000001OAA'
        });
        assert.equal(!recording.ok && recording.error.code, 'FORBIDDEN', 'and so does a recording URL');
        const own = await ada.request('signRecordingUrl', {
            recordingUrl: 'https://recordings.example.com/a.wav',
            vendorCallKey: callId,
            callId: '0LQWt0000000001OAA'
        });
        assert.equal(own.ok, true, 'the owner signs by the vendor call key, whatever record id Salesforce sends');
        await h.carrier.hangUp(callId, 'abandoned');
        await eventually(
            () => h.emulator.state.findVoiceCall(callId)?.routingCleared,
            'routing cleared for an abandoned call'
        );
        ada.close();
        grace.close();
    });

    it('stops the ringing at the first agent when the platform offers the call to another', async () => {
        const ada = await signedIn('ada');
        const grace = await signedIn('grace');
        const callId = await h.carrier.ringInbound({ ...numbers, agentId: 'agent-ada' });
        await ada.waitForEvent('callRinging');
        await h.carrierClient.deliver([
            {
                ...h.carrier.envelope(callId),
                type: 'call.ringing',
                direction: 'inbound',
                ...numbers,
                agentId: 'agent-grace'
            }
        ]);
        const withdrawn = await ada.waitForEvent('callEnded');
        assert.equal((withdrawn.event as { callId: string }).callId, callId);
        await grace.waitForEvent('callRinging');
        assert.equal((await grace.request('acceptCall', { callId })).ok, true);
        await h.carrier.hangUp(callId);
        await grace.waitForEvent('callEnded');
        ada.close();
        grace.close();
    });

    it('still rings the agent when Salesforce refuses the VoiceCall, and tells the agent', async () => {
        const ada = await signedIn('ada');
        h.emulator.faults.inject({ kind: '500', count: 3, match: 'createVoiceCall' });
        const callId = await h.carrier.ringInbound({ ...numbers, agentId: 'agent-ada' });
        await ada.waitForEvent('callRinging');
        const failure = await ada.waitForEvent('salesforceSyncFailed');
        assert.equal((failure.event as { callId: string }).callId, callId);
        // The outbox keeps trying in the background: the record arrives once Salesforce answers again.
        await eventually(() => h.emulator.state.findVoiceCall(callId), 'the VoiceCall after the failures', 10_000);
        const metrics = await (await fetch(`${h.url}/metrics`)).text();
        assert.match(metrics, /switchboard_salesforce_jobs_failed_total\{kind="createVoiceCall",final="false"\} 1/);
        await h.carrier.hangUp(callId);
        ada.close();
    });
});

describe('faults on the Salesforce side', () => {
    it('loses and doubles nothing through a 429 storm, 5xx answers, slow answers and timeouts', async () => {
        h.emulator.faults.inject({ kind: '429', forMs: 800, retryAfterSeconds: 1 });
        h.emulator.faults.inject({ kind: '503', count: 6 });
        h.emulator.faults.inject({ kind: 'slow', count: 4, delayMs: 300 });
        h.emulator.faults.inject({ kind: 'timeout', count: 2, match: 'createTranscript' });
        const keys: string[] = [];
        await Promise.all(
            Array.from({ length: 8 }, async (_, n) => {
                const callId = `storm-${n}`;
                keys.push(callId);
                const e = () => h.carrier.envelope(callId);
                await h.carrierClient.deliver([
                    { ...e(), type: 'call.ringing', direction: 'inbound', ...numbers, agentId: 'agent-grace' },
                    { ...e(), type: 'call.answered', agentId: 'agent-grace' },
                    ...[0, 1, 2].map((u) => ({
                        ...e(),
                        type: 'transcript.utterance' as const,
                        utteranceId: `${callId}-u${u}`,
                        speaker: 'customer' as const,
                        text: `line ${u}`,
                        startedAt: Date.now(),
                        endedAt: Date.now() + 1
                    })),
                    { ...e(), type: 'call.ended', reason: 'customer_hangup' }
                ]);
            })
        );
        await eventually(
            () => keys.every((k) => h.emulator.state.findVoiceCall(k)?.isActive === false) || undefined,
            'every VoiceCall closed',
            30_000
        );
        await eventually(
            () => keys.every((k) => h.emulator.state.transcripts.get(k)?.messages.length === 3) || undefined,
            'every transcript line',
            30_000
        );
        for (const key of keys) {
            const matching = [...h.emulator.state.voiceCalls.values()].filter((c) => c.vendorCallKey === key);
            assert.equal(matching.length, 1, `one VoiceCall for ${key}`);
            assert.equal(matching[0]!.updates.filter((u) => u.isActiveCall === false).length >= 1, true);
        }
        assert.ok(h.emulator.state.faulted >= 6, 'the faults were hit');
        const metrics = await (await fetch(`${h.url}/metrics`)).text();
        assert.match(metrics, /switchboard_salesforce_api_throttled_total [1-9]/);
        assert.match(metrics, /switchboard_salesforce_api_retries_total\{kind="[a-zA-Z]+"\} [1-9]/);
    });
});

describe('carrier endpoint', () => {
    const event = (eventId: string) => ({
        eventId,
        callId: `carrier-test-${eventId}`,
        occurredAt: new Date().toISOString(),
        type: 'call.ringing',
        direction: 'inbound',
        ...numbers
    });
    const post = (body: string | Buffer, headers: Record<string, string>) =>
        fetch(`${h.url}/carrier/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body
        });
    const sign = (body: string | Buffer, at = Math.floor(Date.now() / 1000), secret = CARRIER_SECRET) => ({
        [SIGNATURE_HEADER]: signPayload(secret, at, body)
    });

    it('accepts a signed event once and answers a repeat as a duplicate', async () => {
        const first = await h.carrierClient.post(event('dup-1') as never);
        assert.equal(first.status, 202);
        const again = await h.carrierClient.post(event('dup-1') as never);
        assert.deepEqual(again.body, { results: [{ eventId: 'dup-1', status: 'duplicate' }] });
    });

    it('refuses a wrong signature, an old timestamp and a replay', async () => {
        const body = JSON.stringify(event('sig-1'));
        assert.equal((await post(body, sign(body, undefined, 'another-secret-0123456789abcdef-0123'))).status, 401);
        assert.equal((await post(body, {})).status, 401);
        assert.equal((await post(body, sign(body, Math.floor(Date.now() / 1000) - 3600))).status, 401);
        const headers = sign(body);
        assert.equal((await post(body, headers)).status, 202);
        const replay = await post(body, headers);
        assert.equal(replay.status, 401);
        assert.match(JSON.stringify(await replay.json()), /replay/);
        assert.equal((await post(`${body} `, headers)).status, 401, 'a changed body breaks the signature');
    });

    it('lets the carrier retry the same signed request after a 503: nothing was stored, so it is no replay', async () => {
        const body = JSON.stringify(event('retry-1'));
        const headers = sign(body);
        const pipeline = h.gateway.pipeline;
        const submit = pipeline.submit.bind(pipeline);
        pipeline.submit = () => Promise.reject(new Error('the store is down'));
        try {
            assert.equal((await post(body, headers)).status, 503);
        } finally {
            pipeline.submit = submit;
        }
        const retry = await post(body, headers);
        assert.equal(retry.status, 202);
        assert.deepEqual(await retry.json(), { results: [{ eventId: 'retry-1', status: 'accepted' }] });
        assert.equal((await post(body, headers)).status, 401, 'once stored, the same request is a replay again');
    });

    it('names the field at fault, and refuses non-UTF-8, non-JSON and oversized bodies', async () => {
        const bad = JSON.stringify({ ...event('schema-1'), direction: 'sideways', agentID: 'x' });
        const answer = await post(bad, sign(bad));
        assert.equal(answer.status, 400);
        const { errors } = (await answer.json()) as { errors: string[] };
        assert.ok(errors.some((e) => e.startsWith('$.direction:')));
        assert.ok(errors.some((e) => e.startsWith('$.agentID: unknown field')));
        const latin1 = Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]);
        assert.equal((await post(latin1, sign(latin1))).status, 400);
        const notJson = '{"eventId":';
        assert.equal((await post(notJson, sign(notJson))).status, 400);
        const huge = JSON.stringify({ ...event('big-1'), padding: 'x'.repeat(70 * 1024) });
        assert.equal((await post(huge, sign(huge))).status, 413);
        const orphan = JSON.stringify({
            ...event('orphan-1'),
            type: 'call.hold',
            onHold: true,
            direction: undefined,
            from: undefined,
            to: undefined
        });
        const refused = await post(orphan, sign(orphan));
        assert.equal(refused.status, 422);
        assert.match(JSON.stringify(await refused.json()), /first event must be call.ringing/);
    });

    it('publishes the JSON Schema it validates with', async () => {
        const schema = (await (await fetch(`${h.url}/carrier/events/schema`)).json()) as {
            anyOf?: unknown[];
            oneOf?: unknown[];
        };
        assert.ok((schema.anyOf ?? schema.oneOf ?? []).length >= 13);
    });
});

describe('agent channel', () => {
    it('replays what a dropped connector missed, once and in order', async () => {
        const ada = await signedIn('ada');
        const welcome = ada.frames.find((f) => f.kind === 'welcome')!;
        const token = welcome.kind === 'welcome' ? welcome.sessionToken : '';
        const callId = await h.carrier.ringInbound({ ...numbers, agentId: 'agent-ada' });
        await ada.waitForEvent('callRinging');
        const lastSeq = ada.events().at(-1)!.seq;
        ada.drop();
        await eventually(() => ada.closed || undefined, 'socket closed');
        await h.carrierClient.deliver([
            { ...h.carrier.envelope(callId), type: 'call.answered', agentId: 'agent-ada' },
            { ...h.carrier.envelope(callId), type: 'call.hold', onHold: true }
        ]);
        const again = new TestAgent(h.url);
        await again.connect();
        const resumed = await again.signIn({ kind: 'session', token }, { resumeFromSeq: lastSeq });
        assert.equal(resumed.kind === 'welcome' && resumed.resumed, true);
        await again.waitForEvent('holdChanged');
        assert.deepEqual(
            again.events().map((e) => [e.seq, e.event.type]),
            [
                [lastSeq + 1, 'callConnected'],
                [lastSeq + 2, 'holdChanged']
            ]
        );
        await h.carrier.hangUp(callId);
        await again.waitForEvent('callEnded');
        assert.equal(again.events().filter((e) => e.event.type === 'callEnded').length, 1);
        again.close();
    });

    it('refuses a protocol version it does not speak, with a message that says what to do', async () => {
        const agent = new TestAgent(h.url);
        await agent.connect();
        agent.sendRaw(
            JSON.stringify({
                kind: 'hello',
                protocol: 'switchboard.agent-channel',
                version: 99,
                credential: { kind: 'password', username: 'ada', password: 'ada-demo-password' },
                client: { name: 'an old connector', version: '0.9' }
            })
        );
        const answer = await eventually(() => agent.frames.find((f) => f.kind === 'rejected'), 'rejected');
        assert.equal(answer.kind, 'rejected');
        assert.equal(answer.kind === 'rejected' && answer.error.code, 'VERSION_MISMATCH');
        assert.match(answer.kind === 'rejected' ? answer.error.message : '', /version/);
    });

    it('refuses a malformed or oversized frame with a reason, and keeps the connection', async () => {
        const ada = await signedIn('ada');
        ada.sendRaw('{"kind":"request","id":"x1","command":"setHold","params":{"callId":3}}');
        const refused = await eventually(() => ada.frames.find((f) => f.kind === 'refused'), 'refused');
        assert.equal(refused.kind === 'refused' && refused.id, 'x1');
        ada.sendRaw(JSON.stringify({ kind: 'ping', id: 'p1', pad: 'é'.repeat(200 * 1024) }));
        await eventually(() => ada.frames.filter((f) => f.kind === 'refused').length === 2 || undefined, 'byte limit');
        const ok = await ada.request('getVendorStatus', {});
        assert.equal(ok.ok, true, 'the connection is still usable');
        assert.equal(ada.closed, false);
        ada.close();
    });

    it('signs the agent out everywhere: another window is told and closed; the signed-out session cannot resume', async () => {
        const here = await signedIn('ada');
        const welcome = here.frames.find((f) => f.kind === 'welcome')!;
        const token = welcome.kind === 'welcome' ? welcome.sessionToken : '';
        const lastSeq = welcome.kind === 'welcome' ? welcome.snapshot.lastEventSeq : 0;
        const elsewhere = await signedIn('ada');
        const grace = await signedIn('grace');
        const from = elsewhere.events().length;
        assert.equal((await here.request('logout', {})).ok, true);
        await eventually(() => here.closed || undefined, 'the signed-out connection closed');
        const told = await elsewhere.waitForEvent('loggedOut', from);
        assert.match(told.event.type === 'loggedOut' ? told.event.reason : '', /signed out .* another window/);
        assert.equal(here.events().filter((e) => e.event.type === 'loggedOut').length, 0, 'not told what it asked');
        assert.equal(grace.events().filter((e) => e.event.type === 'loggedOut').length, 0, 'other agents stay');
        // A page of the signed-out window that comes back with its old session is told, and ends it.
        const back = new TestAgent(h.url);
        await back.connect();
        await back.signIn({ kind: 'session', token }, { resumeFromSeq: lastSeq });
        await back.waitForEvent('loggedOut');
        elsewhere.close();
        grace.close();
        back.close();
    });

    it('dials a directory contact: the call carries the name the agent chose, and an unreachable number is refused', async () => {
        const ada = await signedIn('ada');
        const dialled = await ada.request('dial', {
            destination: { type: 'PhoneBook', id: 'pb-front-desk', phoneNumber: '+14155550111', name: 'Front desk' }
        });
        assert.equal(dialled.ok, true);
        const call = dialled.ok ? (dialled.result as { call: CallSnapshot }).call : undefined;
        assert.equal(call?.phoneNumber, '+14155550111');
        assert.equal(call?.contactName, 'Front desk');
        assert.equal(call?.callType, 'Outbound');
        const refused = await ada.request('dial', { destination: { type: 'PhoneNumber', phoneNumber: '+999123' } });
        assert.equal(refused.ok ? undefined : refused.error.code, 'INVALID_DESTINATION');
        await ada.request('endCall', { callId: call?.callId ?? '' });
        ada.close();
    });

    it('filters the directory by the contact types Salesforce asks for', async () => {
        const ada = await signedIn('ada');
        const all = await ada.request('getContacts', {});
        const contacts = (reply: typeof all) =>
            reply.ok ? (reply.result as { contacts: { type: string }[] }).contacts : [];
        const types = new Set(contacts(all).map((c) => c.type));
        assert.ok(types.size > 1, 'the simulated directory has several kinds of contact');
        const queues = await ada.request('getContacts', { types: ['QUEUE'] });
        assert.ok(contacts(queues).length > 0);
        assert.deepEqual(new Set(contacts(queues).map((c) => c.type)), new Set(['Queue']));
        const agentsAndQueues = await ada.request('getContacts', { types: ['AGENT', 'QUEUE'] });
        assert.deepEqual(new Set(contacts(agentsAndQueues).map((c) => c.type)), new Set(['Agent', 'Queue']));
        const book = await ada.request('getContacts', { types: ['CONTACT'] });
        assert.deepEqual(new Set(contacts(book).map((c) => c.type)), new Set(['PhoneBook']));
        // AVAILABLE: the agents who can take a call now, whatever else is in the directory.
        const agent = (id: string) => ({ id, type: 'Agent' as const, name: id });
        const available = (types: ContactFilterType[]) =>
            [agent('a'), agent('b'), { id: 'q', type: 'Queue' as const, name: 'q' }]
                .filter((c) => contactMatchesFilter(c, types, (id) => id === 'b'))
                .map((c) => c.id);
        assert.deepEqual(available(['AVAILABLE']), ['b']);
        assert.deepEqual(available(['AVAILABLE', 'QUEUE']), ['b', 'q']);
        assert.deepEqual(available([]), ['a', 'b', 'q']);
        ada.close();
    });

    it('refuses wrong credentials, and renews a session token', async () => {
        const agent = new TestAgent(h.url);
        await agent.connect();
        const wrong = await agent.signIn({ kind: 'password', username: 'ada', password: 'nope' });
        assert.equal(wrong.kind === 'rejected' && wrong.error.code, 'UNAUTHENTICATED');
        const ada = await signedIn('ada');
        const renewed = await ada.request('renewSession', {});
        assert.equal(renewed.ok, true);
        const result = renewed.ok ? (renewed.result as { sessionToken: string; expiresAt: number }) : undefined;
        assert.ok(result && result.expiresAt > Date.now());
        const next = new TestAgent(h.url);
        await next.connect();
        const back = await next.signIn({ kind: 'session', token: result.sessionToken });
        assert.equal(back.kind, 'welcome');
        ada.close();
        next.close();
    });
});

describe('operations', () => {
    it('answers health, readiness and metrics', async () => {
        assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
        const ready = (await (await fetch(`${h.url}/readyz`)).json()) as { status: string };
        assert.equal(ready.status, 'ready');
        const metrics = await (await fetch(`${h.url}/metrics`)).text();
        for (const name of [
            'switchboard_outbox_depth',
            'switchboard_salesforce_api_seconds',
            'switchboard_salesforce_api_retries_total',
            'switchboard_salesforce_api_throttled_total',
            'switchboard_connected_agents'
        ])
            assert.match(metrics, new RegExp(name));
    });

    it('never writes a secret to the log', () => {
        const log = h.logLines.join('');
        assert.ok(log.length > 0);
        for (const secret of [
            CARRIER_SECRET,
            'ada-demo-password',
            'grace-demo-password',
            'BEGIN PRIVATE KEY',
            'BEGIN RSA PRIVATE KEY'
        ])
            assert.equal(log.includes(secret), false, `the log contains ${secret.slice(0, 12)}…`);
        assert.doesNotMatch(log, /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/, 'no JWT in the log');
    });
});
