// Issue 14, "Proof": `npm run scratch:test` places a simulated call through the Telephony Integration API with the
// gateway's client and checks in the org that it was routed to the queue with its screen pop. No org here, so:
// place-call.mjs runs against the gateway's Telephony Integration API emulator (which verifies the JWT against the
// certificate, org id and contact center, and every body field), and verify-call.mjs against a stand-in `sf` that
// answers `sf data query --json` as recorded shapes say.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import {
    CALL_FILE,
    ROUTING,
    callSettings,
    planTask,
    queryStep,
    routingProblems,
    routingQueries,
    soqlString
} from '../scratch-org/plan.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..');
const placeCall = join(root, 'scripts', 'scratch-org', 'place-call.mjs');
const verifyCall = join(root, 'scripts', 'scratch-org', 'verify-call.mjs');
const ORG_ID = '00D000000000001AAA';
const CALL_CENTER = 'switchboardCC';

/** Runs a script; resolves with its exit code and output whatever the code. */
async function node(script, args, env) {
    try {
        const { stdout, stderr } = await run(process.execPath, [script, ...args], { cwd: root, env, timeout: 60_000 });
        return { code: 0, stdout, stderr };
    } catch (error) {
        if (typeof error.code !== 'number') throw error;
        return { code: error.code, stdout: error.stdout, stderr: error.stderr };
    }
}

const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME ?? tmpdir() };

describe('place-call.mjs against the Telephony Integration API emulator', () => {
    let dir;
    let emulator;
    let keys;
    let url;
    const authorizations = [];

    before(async () => {
        const { createTelephonyApiEmulator } = await tsImport('@switchboard/gateway/emulator', import.meta.url);
        const { loadOrCreateDevKeyPair } = await tsImport('@switchboard/gateway/keys', import.meta.url);
        dir = mkdtempSync(join(tmpdir(), 'switchboard-place-call-'));
        keys = await loadOrCreateDevKeyPair(dir);
        assert.ok(keys.certificatePath, 'openssl made the certificate the contact center would hold');
        emulator = createTelephonyApiEmulator({
            certificatePem: keys.certificatePem,
            orgId: ORG_ID,
            callCenterApiName: CALL_CENTER,
            providerName: 'Switchboard'
        });
        emulator.app.addHook('onRequest', async (request) => {
            authorizations.push(request.headers.authorization);
        });
        url = await emulator.app.listen({ host: '127.0.0.1', port: 0 });
    });

    after(async () => {
        await emulator?.app.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const env = () => ({
        ...baseEnv,
        // The base URL without /telephony/v1, as the connector's scrtUrl is: the script adds it.
        SALESFORCE_SCRT_URL: url,
        SALESFORCE_ORG_ID: ORG_ID,
        SALESFORCE_CALL_CENTER: CALL_CENTER,
        SALESFORCE_PRIVATE_KEY_FILE: keys.privateKeyPath,
        SALESFORCE_CERTIFICATE_FILE: keys.certificatePath
    });

    it('creates an Inbound VoiceCall and executes the Omni flow for it, signed as the contact center', async () => {
        const out = join(dir, 'call.json');
        const { code, stdout, stderr } = await node(placeCall, ['--out', out], env());
        assert.equal(code, 0, stderr);
        const result = JSON.parse(readFileSync(out, 'utf8'));
        assert.deepEqual(JSON.parse(stdout), result);
        assert.match(result.vendorCallKey, /^switchboard-scratch-/);

        const call = emulator.state.findVoiceCall(result.vendorCallKey);
        assert.ok(call, 'the emulator holds the VoiceCall');
        assert.equal(result.voiceCallId, call.id);
        assert.equal(call.create.initiationMethod, 'Inbound');
        assert.equal(call.create.callCenterApiName, CALL_CENTER);
        assert.equal(call.create.from, ROUTING.from);
        assert.deepEqual(call.create.participants, [{ participantKey: ROUTING.from, type: 'END_USER' }]);
        assert.equal(call.omniFlows.length, 1);
        assert.deepEqual(call.omniFlows[0].request, {
            dialedNumber: call.create.to,
            flowDevName: 'Switchboard_Inbound_Call_Routing',
            fallbackQueue: 'Switchboard_Fallback_Calls'
        });
        assert.deepEqual(
            emulator.state.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
            [
                'POST /telephony/v1/voiceCalls 200',
                `PATCH /telephony/v1/voiceCalls/${encodeURIComponent(result.vendorCallKey)}/omniFlow 200`
            ]
        );

        // The JWT's claims, read from what arrived (the emulator also verified the signature with the certificate).
        assert.equal(authorizations.length, 2);
        const [header, payload] = authorizations[0]
            .replace(/^Bearer /, '')
            .split('.')
            .slice(0, 2)
            .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
        assert.deepEqual(header, { alg: 'RS256', typ: 'JWT' });
        assert.equal(payload.iss, ORG_ID);
        assert.equal(payload.sub, CALL_CENTER);
        assert.ok(payload.exp > payload.iat && payload.exp - payload.iat <= 24 * 60 * 60, 'exp within 24 h of iat');
        assert.equal(emulator.state.unauthorized, 0);
    });

    it('takes settings from flags, and says what Salesforce refused (a JWT for another contact center)', async () => {
        const { code, stderr } = await node(
            placeCall,
            ['--contact-center', 'someOtherCC', '--vendor-call-key', 'scratch-key-1'],
            env()
        );
        assert.equal(code, 1);
        assert.match(stderr, /HTTP 401: Salesforce refused the JWT/);
        assert.match(stderr, /sub = someOtherCC/);
        assert.equal(emulator.state.findVoiceCall('scratch-key-1'), undefined);
    });

    it('refuses a certificate that does not belong to the key, before any request', async () => {
        const before = emulator.state.requests.length;
        const other = mkdtempSync(join(dir, 'other-'));
        const { loadOrCreateDevKeyPair } = await tsImport('@switchboard/gateway/keys', import.meta.url);
        const stranger = await loadOrCreateDevKeyPair(other);
        const { code, stderr } = await node(placeCall, [], {
            ...env(),
            SALESFORCE_CERTIFICATE_FILE: stranger.certificatePath
        });
        assert.equal(code, 2);
        assert.match(stderr, /does not belong to/);
        assert.equal(emulator.state.requests.length, before);
    });
});

describe('place-call.mjs without its settings', () => {
    it('names every missing setting with its variable and flag', async () => {
        const { code, stderr } = await node(placeCall, [], baseEnv);
        assert.equal(code, 2);
        assert.match(stderr, /5 setting\(s\) missing/);
        for (const name of [
            'SALESFORCE_SCRT_URL (or --scrt-url)',
            'SALESFORCE_ORG_ID (or --org-id)',
            'SALESFORCE_CALL_CENTER (or --contact-center)',
            'SALESFORCE_PRIVATE_KEY_FILE (or --private-key)',
            'SALESFORCE_CERTIFICATE_FILE (or --certificate)'
        ])
            assert.ok(stderr.includes(name), name);
    });

    it('reads flags over variables, fills defaults, and completes the base URL', () => {
        const { settings, missing, given } = callSettings(['--org-id', '00DFLAG', '--from', '+1999'], {
            SALESFORCE_ORG_ID: '00DENV',
            SALESFORCE_SCRT_URL: 'https://acme.my.salesforce-scrt.com/'
        });
        assert.equal(settings.orgId, '00DFLAG');
        assert.equal(settings.from, '+1999');
        assert.equal(settings.baseUrl, 'https://acme.my.salesforce-scrt.com/telephony/v1');
        assert.equal(settings.flowDevName, ROUTING.flow);
        assert.equal(settings.vendorCallKey, undefined);
        assert.equal(given, 2);
        assert.equal(missing.length, 3);
        assert.equal(
            callSettings([], { SALESFORCE_SCRT_URL: 'https://a.my.salesforce-scrt.com/telephony/v1' }).settings.baseUrl,
            'https://a.my.salesforce-scrt.com/telephony/v1'
        );
        assert.throws(() => callSettings(['--org'], {}), /unknown option --org/);
        assert.throws(() => callSettings(['--org-id'], {}), /--org-id needs a value/);
    });
});

describe('verify-call.mjs', () => {
    const callId = '0LQWt0000000001AAA';
    const queueId = '00GWt0000000001AAA';
    const contactId = '003Wt0000000001AAA';

    /** A stand-in `sf` on PATH answering `sf data query --json` from a table of records per queried object. */
    function fakeSf(dir, answers) {
        const bin = join(dir, 'bin');
        const script = join(bin, 'sf');
        rmSync(bin, { recursive: true, force: true });
        writeFileSync(join(dir, 'answers.json'), JSON.stringify(answers));
        mkdirSync(bin, { recursive: true });
        writeFileSync(
            script,
            `#!${process.execPath}
const args = process.argv.slice(2);
const answers = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(join(dir, 'answers.json'))}, 'utf8'));
require('node:fs').appendFileSync(${JSON.stringify(join(dir, 'calls.log'))}, JSON.stringify(args) + '\\n');
const soql = args[args.indexOf('--query') + 1];
const object = / FROM (\\w+)/.exec(soql)[1];
process.stdout.write(JSON.stringify({ status: 0, result: { records: answers[object] ?? [], totalSize: 0 } }));
`
        );
        chmodSync(script, 0o755);
        return { ...baseEnv, PATH: `${bin}${delimiter}${process.env.PATH}` };
    }

    it('passes when the call is owned by the queue and pops the matched record', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'switchboard-verify-'));
        try {
            const env = fakeSf(dir, {
                VoiceCall: [{ Id: callId, OwnerId: queueId, RelatedRecordId: contactId, CallType: 'Inbound' }],
                QueueSobject: [{ QueueId: queueId.slice(0, 15) }],
                PendingServiceRoutingInteractionInfo: [
                    { Id: '1', PendingServiceRoutingId: '0JR1', TargetObjectId: contactId, IsFocused: false }
                ]
            });
            writeFileSync(join(dir, 'call.json'), JSON.stringify({ vendorCallKey: "key-with-'quote" }));
            const { code, stdout, stderr } = await node(
                verifyCall,
                ['--call-file', join(dir, 'call.json'), '--target-org', 'scratch', '--timeout-seconds', '0'],
                env
            );
            assert.equal(code, 0, stderr);
            assert.match(stdout, /routed to Switchboard_Inbound_Calls with a screen pop/);
            const calls = readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n').map(JSON.parse);
            assert.equal(calls.length, 3, 'the VoiceCall, the queue, the screen pops of that VoiceCall');
            assert.deepEqual(calls[0], [
                'data',
                'query',
                '--query',
                "SELECT Id, OwnerId, RelatedRecordId, CallType FROM VoiceCall WHERE VendorCallKey = 'key-with-\\'quote'",
                '--target-org',
                'scratch',
                '--json'
            ]);
            assert.match(calls[2][3], new RegExp(`WHERE PrimaryRecordId = '${callId}'$`));
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('fails saying what was not found', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'switchboard-verify-'));
        try {
            const env = fakeSf(dir, {
                VoiceCall: [{ Id: callId, OwnerId: '005Wt0000000001AAA', RelatedRecordId: contactId }],
                QueueSobject: [{ QueueId: queueId }],
                PendingServiceRoutingInteractionInfo: []
            });
            writeFileSync(join(dir, 'call.json'), JSON.stringify({ vendorCallKey: 'k1' }));
            const { code, stderr } = await node(
                verifyCall,
                ['--call-file', join(dir, 'call.json'), '--target-org', 'scratch', '--timeout-seconds', '0'],
                env
            );
            assert.equal(code, 1);
            assert.match(stderr, /not routed as expected/);
            assert.match(stderr, /is owned by 005Wt0000000001AAA, not by the queue Switchboard_Inbound_Calls/);
            assert.match(stderr, /No screen pop of the matched record/);
            const bad = await node(verifyCall, ['--target-org', 'x', '--timeout-seconds', 'soon'], env);
            assert.equal(bad.code, 2);
            assert.match(bad.stderr, /--timeout-seconds must be a number/);
            const noFile = await node(verifyCall, ['--target-org', 'x', '--call-file', join(dir, 'none.json')], env);
            assert.equal(noFile.code, 2);
            assert.match(noFile.stderr, /run place-call\.mjs first/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe('routing checks', () => {
    const call = { Id: '0LQ000000000001AAA', OwnerId: '00G000000000001AAA', RelatedRecordId: '003000000000001AAA' };
    const base = {
        vendorCallKey: 'k',
        queue: 'Switchboard_Inbound_Calls',
        voiceCalls: [call],
        queues: [{ QueueId: '00G000000000001' }],
        screenPops: [{ TargetObjectId: '003000000000001' }]
    };

    it('accepts a routed call with its screen pop (15- and 18-character Ids alike)', () => {
        assert.deepEqual(routingProblems(base), []);
    });

    it('names each thing not found', () => {
        assert.match(routingProblems({ ...base, voiceCalls: [] })[0], /No VoiceCall has VendorCallKey k/);
        assert.match(routingProblems({ ...base, queues: [] })[0], /does not exist or does not take VoiceCalls/);
        assert.match(
            routingProblems({ ...base, voiceCalls: [{ ...call, RelatedRecordId: null }] })[0],
            /no RelatedRecordId: the flow matched no record/
        );
        assert.match(routingProblems({ ...base, screenPops: [] })[0], /found none \(reading them needs/);
        assert.match(routingProblems({ ...base, screenPops: [{ TargetFlowName: 'F' }] })[0], /found only: flow F/);
    });

    it('quotes SOQL literals and queries the documented fields only', () => {
        assert.equal(soqlString("a'b\\c"), "'a\\'b\\\\c'");
        const q = routingQueries({ vendorCallKey: 'k', voiceCallId: '0LQ1', queue: 'Q' });
        assert.match(
            q.voiceCall,
            /^SELECT Id, OwnerId, RelatedRecordId, CallType FROM VoiceCall WHERE VendorCallKey = 'k'$/
        );
        assert.match(
            q.screenPops,
            /^SELECT Id, PendingServiceRoutingId, TargetObjectId, TargetFlowName, IsFocused FROM PendingServiceRoutingInteractionInfo WHERE PrimaryRecordId = '0LQ1'$/
        );
        assert.equal(routingQueries({ vendorCallKey: 'k', queue: 'Q' }).screenPops, null);
        assert.deepEqual(queryStep('SELECT Id FROM VoiceCall', 'x').args, [
            '--query',
            'SELECT Id FROM VoiceCall',
            '--target-org',
            'x',
            '--json'
        ]);
    });
});

describe('scratch:test plan', () => {
    it('deploys, runs the tests, then places the call and checks it, in that order', () => {
        const steps = planTask('test', { alias: 'x' });
        assert.deepEqual(
            steps.map((s) => s.program ?? 'sf'),
            ['sf', 'sf', 'sf', 'node', 'node']
        );
        assert.equal(steps[0].command, 'project deploy start');
        const [place, verify] = steps.slice(3);
        assert.deepEqual(place.args, ['--out', CALL_FILE]);
        assert.deepEqual(verify.args, ['--call-file', CALL_FILE, '--target-org', 'x', '--queue', ROUTING.queue]);
        for (const step of [place, verify]) assert.ok(existsSync(join(root, step.command)), step.command);
        assert.ok(readFileSync(join(root, '.gitignore'), 'utf8').includes(`${CALL_FILE.split('/')[0]}/`));
    });

    it('names the queue, fallback queue and flow that force-app ships, and a caller the sample data matches', () => {
        const main = join(root, 'force-app', 'call-automation', 'main', 'default');
        assert.ok(existsSync(join(main, 'queues', `${ROUTING.queue}.queue-meta.xml`)));
        assert.ok(existsSync(join(main, 'queues', `${ROUTING.fallbackQueue}.queue-meta.xml`)));
        assert.ok(existsSync(join(main, 'flows', `${ROUTING.flow}.flow-meta.xml`)));
        const phones = JSON.parse(readFileSync(join(root, 'data', 'Contacts.json'), 'utf8')).records.map((r) =>
            `+1${String(r.Phone ?? '').replace(/\D/g, '')}`.replace(/^\+11/, '+1')
        );
        assert.ok(phones.includes(ROUTING.from), `${ROUTING.from} is a sample Contact's Phone`);
    });

    it('skips the call without a contact center and stops early when only part of it is configured', async () => {
        const runMjs = join(root, 'scripts', 'scratch-org', 'run.mjs');
        const none = await node(runMjs, ['test', '--dry-run'], baseEnv);
        assert.equal(none.code, 0);
        assert.match(none.stdout, /simulated call is skipped: no contact center is configured/);
        assert.doesNotMatch(none.stdout, /place-call/);
        const all = await node(runMjs, ['test', '--dry-run'], {
            ...baseEnv,
            SALESFORCE_SCRT_URL: 'https://a.my.salesforce-scrt.com',
            SALESFORCE_ORG_ID: ORG_ID,
            SALESFORCE_CALL_CENTER: CALL_CENTER,
            SALESFORCE_PRIVATE_KEY_FILE: 'k.pem',
            SALESFORCE_CERTIFICATE_FILE: 'c.pem'
        });
        assert.equal(all.code, 0, all.stderr);
        assert.match(all.stdout, /\[4\/5\] place a simulated inbound call/);
        assert.match(all.stdout, /\$ node scripts\/scratch-org\/verify-call\.mjs --call-file/);
        const noCall = await node(runMjs, ['test', '--dry-run', '--no-call'], {
            ...baseEnv,
            SALESFORCE_ORG_ID: ORG_ID
        });
        assert.match(noCall.stdout, /skipped: as --no-call asks/);
        const part = await node(runMjs, ['test', '--dry-run'], { ...baseEnv, SALESFORCE_ORG_ID: ORG_ID });
        assert.equal(part.code, 2);
        assert.match(part.stderr, /missing:\n {2}SALESFORCE_SCRT_URL/);
        assert.doesNotMatch(part.stderr, /SALESFORCE_ORG_ID/);
    });
});
