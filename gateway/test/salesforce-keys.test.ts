// Development and production key material for the Telephony Integration API JWTs: made with openssl when it is
// there, a bare key pair with a note when it is not, and clear refusals of key files Salesforce could not use.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTelephonyApiEmulator } from '../src/salesforce/emulator.js';
import {
    DEV_CERTIFICATE_FILE,
    DEV_PRIVATE_KEY_FILE,
    DEV_PUBLIC_KEY_FILE,
    KeyMaterialError,
    loadKeyPair,
    loadOrCreateDevKeyPair
} from '../src/salesforce/keys.js';
import { TelephonyApiClient } from '../src/salesforce/telephony-api-client.js';

const hasOpenssl = (() => {
    try {
        execFileSync('openssl', ['version'], { stdio: 'ignore' });
        return true;
    } catch {
        return false;
    }
})();

let root: string;
before(async () => {
    root = await mkdtemp(join(tmpdir(), 'switchboard-keys-'));
});
after(async () => {
    await rm(root, { recursive: true, force: true });
});

const spkiOf = (pair: { publicKeyPem: string }): string => pair.publicKeyPem;

describe('loadOrCreateDevKeyPair', () => {
    it(
        'makes an RSA 2048 key (mode 0600) and a self-signed certificate once, then loads them',
        { skip: !hasOpenssl },
        async () => {
            const dir = join(root, 'with-openssl', '.switchboard');
            const first = await loadOrCreateDevKeyPair(dir);
            assert.equal(first.created, true);
            assert.equal(first.note, undefined);
            assert.equal(first.modulusLength, 2048);
            assert.match(first.certificatePem ?? '', /^-----BEGIN CERTIFICATE-----/);
            assert.equal((await stat(join(dir, DEV_PRIVATE_KEY_FILE))).mode & 0o777, 0o600);
            assert.equal((await stat(dir)).mode & 0o777, 0o700);
            assert.deepEqual(first.warnings, []);

            const second = await loadOrCreateDevKeyPair(dir);
            assert.equal(second.created, false);
            assert.equal(spkiOf(second), spkiOf(first));
            assert.equal(second.certificatePem, first.certificatePem);
        }
    );

    it('signs JWTs that an emulator configured with its certificate accepts', { skip: !hasOpenssl }, async () => {
        const pair = await loadOrCreateDevKeyPair(join(root, 'end-to-end'));
        const emulator = createTelephonyApiEmulator({
            certificatePem: pair.certificatePem ?? '',
            orgId: '00D000000000001EAA',
            callCenterApiName: 'CC'
        });
        const client = new TelephonyApiClient({
            baseUrl: 'http://127.0.0.1/telephony/v1',
            orgId: '00D000000000001EAA',
            callCenterApiName: 'CC',
            privateKey: pair.privateKey,
            providerName: 'switchboard',
            // Through app.inject: no socket needed to prove the certificate and the key agree.
            fetch: async (input, init) => {
                const response = await emulator.app.inject({
                    method: init?.method === 'PATCH' ? 'PATCH' : 'POST',
                    url: new URL(input instanceof Request ? input.url : String(input)).pathname,
                    headers: Object.fromEntries(new Headers(init?.headers)),
                    payload: typeof init?.body === 'string' ? init.body : ''
                });
                return new Response(response.body, { status: response.statusCode });
            }
        });
        const result = await client.send({
            kind: 'createVoiceCall',
            callKey: 'k',
            body: {
                callCenterApiName: 'CC',
                vendorCallKey: 'k',
                to: '+1',
                from: '+2',
                initiationMethod: 'Inbound',
                startTime: '2024-05-01T10:00:00Z',
                participants: [{ participantKey: '+2', type: 'END_USER' }]
            }
        });
        assert.match(result.voiceCallId ?? '', /^0LQ/);
        await emulator.app.close();
    });

    it('without openssl writes the key and its public key, and says how to make the certificate', async () => {
        const dir = join(root, 'without-openssl');
        const pair = await loadOrCreateDevKeyPair(dir, { openssl: false });
        assert.equal(pair.created, true);
        assert.equal(pair.certificatePem, undefined);
        assert.match(pair.note ?? '', /openssl was not found/);
        assert.match(pair.note ?? '', /reqTelephonyIntegrationCertificate/);
        assert.doesNotMatch(pair.note ?? '', /PRIVATE KEY-----/);
        assert.equal(await readFile(join(dir, DEV_PUBLIC_KEY_FILE), 'utf8'), pair.publicKeyPem);
        assert.equal((await stat(join(dir, DEV_PRIVATE_KEY_FILE))).mode & 0o777, 0o600);

        const again = await loadOrCreateDevKeyPair(dir, { openssl: false });
        assert.equal(again.created, false);
        assert.equal(spkiOf(again), spkiOf(pair));

        if (hasOpenssl) {
            // openssl arrived: the certificate is made from the existing key, which is never replaced.
            const withCert = await loadOrCreateDevKeyPair(dir);
            assert.equal(withCert.created, false);
            assert.equal(spkiOf(withCert), spkiOf(pair));
            assert.match(withCert.certificatePem ?? '', /BEGIN CERTIFICATE/);
            assert.ok((await stat(join(dir, DEV_CERTIFICATE_FILE))).isFile());
        }
    });

    it('treats a missing openssl binary like openssl: false', async () => {
        const pair = await loadOrCreateDevKeyPair(join(root, 'missing-binary'), { openssl: '/nonexistent/openssl' });
        assert.match(pair.note ?? '', /openssl was not found/);
    });
});

describe('loadKeyPair', () => {
    const pem = (bits: number, type: 'rsa' | 'ec' = 'rsa'): string =>
        (type === 'rsa'
            ? generateKeyPairSync('rsa', { modulusLength: bits })
            : generateKeyPairSync('ec', { namedCurve: 'P-256' })
        ).privateKey
            .export({ type: 'pkcs8', format: 'pem' })
            .toString();

    async function file(name: string, text: string): Promise<string> {
        const path = join(root, name);
        await writeFile(path, text, { mode: 0o600 });
        return path;
    }

    async function refusal(promise: Promise<unknown>): Promise<string> {
        try {
            await promise;
        } catch (error) {
            assert.ok(error instanceof KeyMaterialError, String(error));
            return error.message;
        }
        assert.fail('expected a KeyMaterialError');
    }

    it('refuses files that are missing or not PEM, and keys Salesforce cannot use', async () => {
        const cert = join(root, 'none.pem');
        assert.match(await refusal(loadKeyPair(join(root, 'absent.pem'), cert)), /private key file .* does not exist/);
        assert.match(await refusal(loadKeyPair(await file('text.pem', 'hello'), cert)), /not a PEM private key/);
        const garbled = await file('garbled.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
        assert.match(await refusal(loadKeyPair(garbled, cert)), /not a readable PEM private key/);
        const encrypted = await file(
            'encrypted.pem',
            '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n'
        );
        assert.match(await refusal(loadKeyPair(encrypted, cert)), /is encrypted/);
        assert.match(
            await refusal(loadKeyPair(await file('ec.pem', pem(0, 'ec')), cert)),
            /ec key; RS256 needs an RSA key/
        );
        assert.match(
            await refusal(loadKeyPair(await file('small.pem', pem(512)), cert)),
            /512-bit RSA key; Salesforce accepts 1024, 2048 or 4096/
        );
        assert.match(
            await refusal(loadKeyPair(await file('ok.pem', pem(2048)), cert)),
            /certificate file .* does not exist/
        );
        assert.match(
            await refusal(loadKeyPair(join(root, 'ok.pem'), await file('notcert.pem', 'plain'))),
            /not a PEM certificate/
        );
    });

    it('warns on a 1024-bit key and refuses a certificate of another key', { skip: !hasOpenssl }, async () => {
        const weakKey = await file('weak.pem', pem(1024));
        const weakCert = join(root, 'weak-cert.pem');
        execFileSync('openssl', ['req', '-x509', '-key', weakKey, '-out', weakCert, '-days', '1', '-subj', '/CN=t']);
        const weak = await loadKeyPair(weakKey, weakCert);
        assert.equal(weak.modulusLength, 1024);
        assert.match(weak.warnings.join(' '), /1024-bit RSA key; 2048 bits is recommended/);

        const otherKey = await file('other.pem', pem(2048));
        assert.match(await refusal(loadKeyPair(otherKey, weakCert)), /does not belong to/);
    });
});
