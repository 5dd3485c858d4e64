#!/usr/bin/env node
// The scratch-org path: create a Voice-enabled scratch org, deploy, assign permission sets, load sample data, run the
// Apex and flow tests, delete it. Needs the Salesforce CLI (`sf`) and a Dev Hub entitled to Salesforce Voice.
//
//   node scripts/scratch-org/run.mjs <task> [--alias switchboard] [--dev-hub devhub] [--days 7] [--permset X] [--dry-run]
//
// Tasks: setup (create + deploy + permsets + data), create, deploy, permsets, data, test, delete. --dry-run prints the
// commands without running them. Every flag is checked by scripts/test against the flags the sf CLI reports.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULTS, TASKS, commandLine, diagnoseFailure, parseOptions, planTask } from './plan.mjs';

const [task, ...rest] = process.argv.slice(2);
if (!task || !TASKS[task]) {
    console.error(
        `usage: node scripts/scratch-org/run.mjs <task> [--alias A] [--dev-hub D] [--days N] [--permset P] [--dry-run]`
    );
    for (const [name, what] of Object.entries(TASKS)) console.error(`  ${name.padEnd(9)} ${what}`);
    process.exit(2);
}
let parsed;
try {
    parsed = parseOptions(rest);
} catch (error) {
    console.error(error.message);
    process.exit(2);
}
const steps = planTask(task, parsed.options);
const root = resolve(import.meta.dirname, '..', '..');
const env = { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' };

for (const [i, step] of steps.entries()) {
    console.log(`\n[${i + 1}/${steps.length}] ${step.title}\n$ ${commandLine(step)}`);
    if (parsed.dryRun) continue;
    // Creation's output is kept (and echoed) so that a known failure can be explained; other steps print directly.
    const capture = step.command === 'org create scratch';
    const result = spawnSync('sf', [...step.command.split(' '), ...step.args], {
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
