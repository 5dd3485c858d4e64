#!/usr/bin/env node
// Runs one gate step in its own process and writes its result as JSON: node step.mjs <id> <root> <out.json> [--workspaces]
// The runner starts several of these at once; a crash becomes a failing diagnostic, never a silent pass.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [id, rootArg, out, ...flags] = process.argv.slice(2);
const root = resolve(rootArg);
const ctx = {
    root,
    toolRoot: resolve(import.meta.dirname, '..', '..'),
    ci: process.env.CI === 'true' || process.env.CI === '1',
    env: process.env,
    includeWorkspaces: flags.includes('--workspaces')
};
let result;
try {
    const step = await import(`./steps/${id}.mjs`);
    result = await step.run(ctx);
} catch (error) {
    result = {
        diagnostics: [{ file: '', message: `the ${id} checker crashed: ${error?.stack ?? error}`, rule: 'gate-crash' }]
    };
}
writeFileSync(out, JSON.stringify(result));
process.exit(0);
