#!/usr/bin/env node
// The scratch-org path: create a Voice-enabled scratch org, deploy, assign permission sets, load sample data, run the
// Apex and flow tests, delete it. Needs the Salesforce CLI (`sf`) and a Dev Hub entitled to Salesforce Voice.
//
//   node scripts/scratch-org/run.mjs <task> [options]      (--help lists the tasks and options: RUN_COMMAND in plan.mjs)
//
// Tasks: setup (create + deploy + permsets + data), create, deploy, permsets, data, test, delete. --dry-run prints the
// commands without running them. Every flag is checked by scripts/test against the flags the sf CLI reports.
// `test` ends with a simulated call (place-call.mjs, verify-call.mjs). It needs the contact center's settings
// (SALESFORCE_SCRT_URL, SALESFORCE_ORG_ID, SALESFORCE_CALL_CENTER, SALESFORCE_PRIVATE_KEY_FILE,
// SALESFORCE_CERTIFICATE_FILE); with none of them set, or with --no-call, the call is skipped and says so; with some
// set, the task stops before its first step, naming the rest.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCommandLine, usageFailure } from '../lib/cli.mjs';
import {
    DEFAULTS,
    RUN_COMMAND,
    TASKS,
    callSettings,
    commandLine,
    diagnoseFailure,
    planTask,
    runOptions
} from './plan.mjs';

const { values, positionals } = runCommandLine(RUN_COMMAND);
const [task, ...extra] = positionals;
if (!task || !TASKS[task])
    usageFailure(
        task ? `unknown task "${task}": use one of ${Object.keys(TASKS).join(', ')}` : 'name a task (--help lists them)'
    );
if (extra.length) usageFailure(`one task at a time (also given: ${extra.join(' ')})`);
let parsed;
try {
    parsed = runOptions(values);
} catch (error) {
    usageFailure(error.message);
}
let steps = planTask(task, parsed.options);
if (steps.some((s) => s.program === 'node')) {
    const { missing, given } = callSettings([], process.env);
    const skip = parsed.options.noCall ? 'as --no-call asks' : given === 0 ? 'no contact center is configured' : null;
    if (skip) {
        steps = steps.filter((s) => s.program !== 'node');
        const todo = missing.length
            ? ` To place it, import the contact center and set:\n  ${missing.join('\n  ')}`
            : '';
        console.log(`The simulated call is skipped: ${skip}.${todo}`);
    } else if (missing.length) {
        console.error(`Cannot place the simulated call; missing:\n  ${missing.join('\n  ')}\n(or pass --no-call)`);
        process.exit(2);
    }
}
const root = resolve(import.meta.dirname, '..', '..');
const env = { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' };

for (const [i, step] of steps.entries()) {
    console.log(`\n[${i + 1}/${steps.length}] ${step.title}\n$ ${commandLine(step)}`);
    if (parsed.dryRun) continue;
    // Creation's output is kept (and echoed) so that a known failure can be explained; other steps print directly.
    const capture = step.command === 'org create scratch';
    const [program, argv] =
        step.program === 'node'
            ? [process.execPath, [step.command, ...step.args]]
            : ['sf', [...step.command.split(' '), ...step.args]];
    const result = spawnSync(program, argv, {
        cwd: root,
        env,
        stdio: capture ? ['inherit', 'pipe', 'pipe'] : 'inherit',
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024
    });
    if (capture) {
        process.stdout.write(result.stdout ?? '');
        process.stderr.write(result.stderr ?? '');
    }
    if (result.error?.code === 'ENOENT') {
        console.error(
            'sf is not installed: npm install --global @salesforce/cli (see the README, "Test in a scratch org")'
        );
        process.exit(127);
    }
    if (result.status !== 0) {
        const definition = JSON.parse(readFileSync(resolve(root, DEFAULTS.definitionFile), 'utf8'));
        const why = capture ? diagnoseFailure(step, `${result.stdout ?? ''}${result.stderr ?? ''}`, definition) : null;
        if (why) console.error(`\n${why}`);
        console.error(
            `\nstep ${i + 1} (${step.title}) failed with exit code ${result.status}; later steps were not run.`
        );
        process.exit(result.status ?? 1);
    }
}
if (parsed.dryRun) console.log('\n(dry run: nothing was executed)');
