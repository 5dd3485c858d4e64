#!/usr/bin/env node
// Places a simulated inbound call through Salesforce's Telephony Integration API, the way the gateway does for a real
// one, with the gateway's own client (gateway/src/salesforce/telephony-api-client.ts) and key loading (keys.ts):
//
//   1. POST  /voiceCalls                      Create VoiceCall, initiationMethod Inbound, the caller as END_USER
//   2. PATCH /voiceCalls/{vendorCallKey}/omniFlow   Execute Omni-Channel Flow: dialedNumber, flowDevName, fallbackQueue
//
// (voice-platform.md §6.3.) Settings come from flags or the gateway's environment variables; a missing one stops it
// before any request, naming each. Prints, and with --out writes, { vendorCallKey, voiceCallId, agent, queue, ... }.
//
//   SALESFORCE_SCRT_URL=https://<MyDomain>.my.salesforce-scrt.com/telephony/v1 SALESFORCE_ORG_ID=00D... \
//   SALESFORCE_CALL_CENTER=switchboardCC SALESFORCE_PRIVATE_KEY_FILE=key.pem SALESFORCE_CERTIFICATE_FILE=cert.pem \
//   node scripts/scratch-org/place-call.mjs [--from +14155550100] [--to +1...] [--out .switchboard/scratch-call.json]
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { runCommandLine } from '../lib/cli.mjs';
import { CALL_SETTINGS, PLACE_CALL_COMMAND, callSettings } from './plan.mjs';

runCommandLine(PLACE_CALL_COMMAND); // --help and a command line that does not fit the table end here
const parsed = callSettings(process.argv.slice(2), process.env);
const { settings, missing } = parsed;
if (missing.length) {
    console.error(`Cannot place the call: ${missing.length} setting(s) missing.\n  ${missing.join('\n  ')}`);
    console.error(
        `Optional: ${CALL_SETTINGS.filter((s) => 'default' in s)
            .map((s) => s.flag)
            .join(', ')}. See the README, "Test in a scratch org".`
    );
    process.exit(2);
}

// The gateway's modules are TypeScript; tsx loads them (the gateway's package exports name them).
const { TelephonyApiClient } = await tsImport('@switchboard/gateway/telephony-api-client', import.meta.url);
const { loadKeyPair } = await tsImport('@switchboard/gateway/keys', import.meta.url);

let keys;
try {
    keys = await loadKeyPair(settings.privateKeyFile, settings.certificateFile);
} catch (error) {
    console.error(`Cannot place the call: ${error.message}`);
    process.exit(2);
}
for (const warning of keys.warnings) console.warn(`warning: ${warning}`);

const client = new TelephonyApiClient({
    baseUrl: settings.baseUrl,
    orgId: settings.orgId,
    callCenterApiName: settings.callCenterApiName,
    privateKey: keys.privateKey,
    providerName: settings.providerName
});
const vendorCallKey = settings.vendorCallKey ?? `switchboard-scratch-${randomUUID()}`;
const result = { vendorCallKey, callCenterApiName: settings.callCenterApiName, from: settings.from, to: settings.to };
let failed = false;
try {
    const created = await client.send({
        kind: 'createVoiceCall',
        callKey: vendorCallKey,
        body: {
            callCenterApiName: settings.callCenterApiName,
            vendorCallKey,
            to: settings.to,
            from: settings.from,
            initiationMethod: 'Inbound',
            startTime: new Date().toISOString(),
            participants: [{ participantKey: settings.from, type: 'END_USER' }]
        }
    });
    result.voiceCallId = created.voiceCallId;
    // Salesforce inserts the VoiceCall even when a trigger or flow fails, and says so here (§4.6).
    if (created.warnings) result.createWarnings = created.warnings;
    const routed = await client.send({
        kind: 'executeOmniFlow',
        callKey: vendorCallKey,
        body: { dialedNumber: settings.to, flowDevName: settings.flowDevName, fallbackQueue: settings.fallbackQueue }
    });
    if (routed.agent !== undefined) result.agent = routed.agent;
    if (routed.queue !== undefined) result.queue = routed.queue;
    if (routed.warnings) result.omniFlowWarnings = routed.warnings;
} catch (error) {
    failed = true;
    result.error = error.message;
    console.error(`The call failed: ${error.message}`);
} finally {
    await client.close();
}
if (settings.out) {
    const file = resolve(settings.out);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(result, null, 4)}\n`);
}
console.log(JSON.stringify(result, null, 4));
process.exit(failed ? 1 : 0);
