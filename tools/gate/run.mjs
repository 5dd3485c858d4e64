#!/usr/bin/env node
// The offline gate. `npm test` runs every step; `npm run validate` runs steps 1-8 (no unit tests) before a deploy.
// Options: `node tools/gate/run.mjs --help` (the table below).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { formatDiagnostic, sortDiagnostics } from './lib/diagnostics.mjs';
import { STEPS, VALIDATE_STEPS } from './steps/index.mjs';
import { runCommandLine } from '../../scripts/lib/cli.mjs';

const { values: options } = runCommandLine({
    usage: 'node tools/gate/run.mjs [options]      (npm test, npm run validate)',
    about: 'The offline gate: proves without an org what can be proved about a deploy. The last line is always\n`N passed, N failed` (plus `, N skipped` when a step could not run).',
    options: {
        validate: { type: 'boolean', help: 'every step but the unit tests (npm run validate)' },
        only: { type: 'string', value: '<a,b>', help: `run only these steps: ${STEPS.map((s) => s.id).join(', ')}` },
        root: {
            type: 'string',
            value: '<dir>',
            help: 'check another project (the planted-fault fixtures);\nworkspaces and self-tests are then skipped'
        },
        json: {
            type: 'string',
            value: '<file>',
            help: "also write the results as JSON (the gate's own tests read it)"
        },
        jobs: { type: 'string', value: '<n>', help: 'steps run at once (default: GATE_JOBS, or the number of CPUs)' }
    }
});
const option = (name) => options[name.replace(/^--/, '')];
const toolRoot = resolve(import.meta.dirname, '..', '..');
const root = resolve(option('--root') ?? toolRoot);
const ownProject = root === toolRoot;
const only = option('--only')
    ?.split(',')
    .map((s) => s.trim());
const selected = only ?? (options.validate ? VALIDATE_STEPS : STEPS.map((s) => s.id));
const unknown = selected.filter((id) => !STEPS.some((s) => s.id === id));
if (unknown.length) {
    console.error(`unknown step(s): ${unknown.join(', ')}. Steps: ${STEPS.map((s) => s.id).join(', ')}`);
    process.exit(2);
}
const jobs = Math.max(1, Number(option('--jobs') ?? process.env.GATE_JOBS ?? availableParallelism()));
const steps = STEPS.filter((s) => selected.includes(s.id));
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

const work = mkdtempSync(join(tmpdir(), 'gate-'));
const started = Date.now();

function runStep(step) {
    const out = join(work, `${step.id}.json`);
    const flags = ownProject ? ['--workspaces'] : [];
    const begin = Date.now();
    return new Promise((done) => {
        const child = spawn(process.execPath, [join(import.meta.dirname, 'step.mjs'), step.id, root, out, ...flags], {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, GATE_SELF_TESTS: ownProject ? '1' : '0' }
        });
        let output = '';
        child.stdout.on('data', (c) => (output += c));
        child.stderr.on('data', (c) => (output += c));
        child.on('close', (code) => {
            let result;
            try {
                result = JSON.parse(readFileSync(out, 'utf8'));
            } catch {
                result = {
                    diagnostics: [
                        {
                            file: '',
                            message: `the ${step.id} step died (exit ${code}):\n${output.slice(-2000)}`,
                            rule: 'gate-crash'
                        }
                    ]
                };
            }
            done({ ...result, seconds: (Date.now() - begin) / 1000 });
        });
    });
}

// Long steps first so that two cores stay busy; results print in step order.
const weight = { unit: 0, analyze: 1, lint: 2, types: 3 };
const queue = [...steps].sort((a, b) => (weight[a.id] ?? 9) - (weight[b.id] ?? 9));
const results = new Map();
await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
        for (let step = queue.shift(); step; step = queue.shift()) results.set(step.id, await runStep(step));
    })
);
rmSync(work, { recursive: true, force: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const report = [];
for (const step of steps) {
    const r = results.get(step.id);
    const { title } = step;
    const errors = (r.diagnostics ?? []).filter((d) => d.severity !== 'warning');
    const warnings = (r.diagnostics ?? []).filter((d) => d.severity === 'warning');
    const time = `${r.seconds.toFixed(1)} s`;
    let status;
    if (r.skipped) {
        skipped++;
        status = paint('33', 'SKIPPED');
    } else if (errors.length) {
        failed++;
        status = paint('31', `FAILED (${errors.length} error${errors.length === 1 ? '' : 's'})`);
    } else {
        passed++;
        status = paint('32', 'ok');
    }
    console.log(
        `${step.number}. ${title} ... ${status}${warnings.length ? `, ${warnings.length} warning(s)` : ''}  ${time}`
    );
    for (const d of sortDiagnostics(r.diagnostics ?? []))
        console.log(`   ${formatDiagnostic(d).replace(/\n/g, '\n     ')}`);
    for (const note of r.notes ?? []) console.log(paint('2', `   ${note}`));
    if (r.skipped) {
        console.log(paint('33', `   !!! SKIPPED: ${r.skipped.replace(/\n/g, '\n   !!! ')}`));
    }
    report.push({
        id: step.id,
        title,
        seconds: r.seconds,
        skipped: r.skipped ?? null,
        diagnostics: r.diagnostics ?? [],
        notes: r.notes ?? []
    });
}

const jsonOut = option('--json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ root, steps: report }, null, 2));
console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(1)} s on ${jobs} job(s)`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
