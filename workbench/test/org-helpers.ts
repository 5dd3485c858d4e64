// What the org stand-in's tests share: a SalesforceOrg on a temporary SQLite file, and requests to its Telephony
// Integration API signed as the gateway signs them (an RS256 JWT with the org Id and the contact center).
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SalesforceOrg } from '../src/org/salesforce-org.js';
import { FORCE_APP_DIR, SAMPLE_DATA_DIR } from '../src/paths.js';
import { CALL_CENTER_API_NAME, ORG_ID } from '../src/workbench.js';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

export function tempDir(name: string): { path: string; remove(): void } {
    const path = mkdtempSync(join(tmpdir(), `switchboard-workbench-${name}-`));
    return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function startOrg(recordsFile: string): Promise<SalesforceOrg> {
    return SalesforceOrg.start({
        recordsFile,
        publicKey: keys.publicKey,
        orgId: ORG_ID,
        callCenterApiName: CALL_CENTER_API_NAME,
        sampleDataDir: SAMPLE_DATA_DIR,
        forceAppDir: FORCE_APP_DIR,
        recordsEventDelayMs: 5
    });
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

function jwt(privateKey: KeyObject): string {
    const now = Math.floor(Date.now() / 1000);
    const head = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${base64url(
        JSON.stringify({ iss: ORG_ID, sub: CALL_CENTER_API_NAME, iat: now, exp: now + 3600 })
    )}`;
    return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
}

/** One Telephony Integration API request, as the gateway would send it. */
export async function telephonyApi(
    org: SalesforceOrg,
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown
): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await org.emulator.app.inject({
        method,
        url: `/telephony/v1${path}`,
        headers: {
            authorization: `Bearer ${jwt(keys.privateKey)}`,
            'telephony-provider-name': 'Switchboard',
            'content-type': 'application/json'
        },
        payload: JSON.stringify(body)
    });
    return { status: response.statusCode, json: response.json<Record<string, unknown>>() };
}

/** Creates an inbound VoiceCall from `from`, as the gateway does when a call rings. */
export async function createVoiceCall(org: SalesforceOrg, vendorCallKey: string, from: string): Promise<string> {
    const answer = await telephonyApi(org, 'POST', '/voiceCalls', {
        callCenterApiName: CALL_CENTER_API_NAME,
        vendorCallKey,
        to: '+18005550199',
        from,
        initiationMethod: 'Inbound',
        startTime: new Date().toISOString(),
        participants: [{ participantKey: from, type: 'END_USER' }]
    });
    if (answer.status !== 200) throw new Error(`Create VoiceCall: ${answer.status} ${JSON.stringify(answer.json)}`);
    return String(answer.json.voiceCallId);
}

export async function addTranscriptMessage(
    org: SalesforceOrg,
    vendorCallKey: string,
    messageId: string,
    content: string
): Promise<{ status: number; json: Record<string, unknown> }> {
    return telephonyApi(org, 'POST', `/voiceCalls/${vendorCallKey}/messages`, {
        messageId,
        startTime: Date.now() - 1000,
        endTime: Date.now(),
        content,
        senderType: 'END_USER',
        participantId: '+14155550100'
    });
}
