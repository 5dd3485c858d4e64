#!/usr/bin/env node
// Checks in the org where the call that place-call.mjs placed went: its VoiceCall (by vendorCallKey) must be owned by
// the queue, and a PendingServiceRoutingInteractionInfo of the call must pop the record the flow matched
// (TargetObjectId = the call's RelatedRecordId). Omni-Channel routes asynchronously, so it asks again until
// --timeout-seconds pass; then it fails, saying what was not found. Queries run with `sf data query --json`.
//
//   node scripts/scratch-org/verify-call.mjs --call-file .switchboard/scratch-call.json --target-org switchboard \
//       [--queue Switchboard_Inbound_Calls] [--timeout-seconds 120]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { runCommandLine, usageFailure } from '../lib/cli.mjs';
import { CALL_FILE, ROUTING, commandLine, queryStep, routingProblems, routingQueries } from './plan.mjs';

const { values } = runCommandLine({
    usage: 'node scripts/scratch-org/verify-call.mjs --target-org <alias> [options]',
    about: 'Checks in the org that the call place-call.mjs placed was routed to the queue, with its screen pop.',
    options: {
        'target-org': { type: 'string', value: '<alias>', help: 'the scratch org (required)' },
        'call-file': { type: 'string', value: '<file>', help: `what place-call.mjs wrote (default ${CALL_FILE})` },
        queue: { type: 'string', value: '<name>', help: `the queue the call must reach (default ${ROUTING.queue})` },
        'timeout-seconds': { type: 'string', value: '<n>', help: 'how long to keep asking the org (default 120)' }
    }
});
const options = {
    callFile: values['call-file'] ?? CALL_FILE,
    targetOrg: values['target-org'] ?? null,
    queue: values.queue ?? ROUTING.queue,
    timeoutSeconds: Number(values['timeout-seconds'] ?? 120)
};
if (!Number.isFinite(options.timeoutSeconds) || options.timeoutSeconds < 0)
    usageFailure('--timeout-seconds must be a number of seconds, 0 or more');
if (!options.targetOrg) usageFailure('verify-call.mjs needs --target-org (the scratch org alias)');
let call;
try {
    call = JSON.parse(readFileSync(options.callFile, 'utf8'));
} catch (error) {
    console.error(`Cannot read the placed call from ${options.callFile} (run place-call.mjs first): ${error.message}`);
    process.exit(2);
}

/** Records of one SOQL query, through the sf CLI. */
function query(soql) {
    const step = queryStep(soql, options.targetOrg);
    const result = spawnSync('sf', [...step.command.split(' '), ...step.args], {
        encoding: 'utf8',
        env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' },
        maxBuffer: 16 * 1024 * 1024
    });
    if (result.error?.code === 'ENOENT') throw new Error('sf is not installed: npm install --global @salesforce/cli');
    let answer;
    try {
        answer = JSON.parse(result.stdout);
    } catch {
        throw new Error(`${commandLine(step)} printed no JSON: ${(result.stderr || result.stdout).trim()}`);
    }
    if (result.status !== 0 || answer.status !== 0)
        throw new Error(`${commandLine(step)} failed: ${answer.message ?? answer.name ?? result.stderr}`);
    return answer.result?.records ?? [];
}

const deadline = Date.now() + options.timeoutSeconds * 1000;
let problems;
for (;;) {
    try {
        const voiceCalls = query(routingQueries({ vendorCallKey: call.vendorCallKey, queue: options.queue }).voiceCall);
        const queries = routingQueries({
            vendorCallKey: call.vendorCallKey,
            voiceCallId: voiceCalls[0]?.Id,
            queue: options.queue
        });
        problems = routingProblems({
            vendorCallKey: call.vendorCallKey,
            queue: options.queue,
            voiceCalls,
            queues: query(queries.queue),
            screenPops: queries.screenPops ? query(queries.screenPops) : []
        });
    } catch (error) {
        console.error(error.message);
        process.exit(1);
    }
    if (!problems.length || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 5000));
}
if (problems.length) {
    console.error(`The call ${call.vendorCallKey} was not routed as expected:\n  ${problems.join('\n  ')}`);
    process.exit(1);
}
console.log(`The call ${call.vendorCallKey} was routed to ${options.queue} with a screen pop of the matched record.`);
