#!/usr/bin/env node
// Runs one gate step in its own process and writes its result as JSON: node step.mjs <id> <root> <out.json> [--workspaces]
// The runner starts several of these at once; a crash becomes a failing diagnostic, never a silent pass.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { cachedCheck, cacheEnabled } from './lib/result-cache.mjs';
import { STEPS } from './steps/index.mjs';
import { runCommandLine, usageFailure } from '../../scripts/lib/cli.mjs';

const { values, positionals } = runCommandLine({
    usage: 'node tools/gate/step.mjs <id> <root> <out.json> [--workspaces]',
    about: 'Runs one gate step and writes its result as JSON; run.mjs starts one of these per step.',
    positionals: true,
    options: { workspaces: { type: 'boolean', help: "also check the npm workspaces (the repository's own gate)" } }
});
if (positionals.length !== 3) usageFailure('give the step id, the project root and the JSON file to write');
const [id, rootArg, out] = positionals;
const root = resolve(rootArg);
const ctx = {
    root,
    toolRoot: resolve(import.meta.dirname, '..', '..'),
    ci: process.env.CI === 'true' || process.env.CI === '1',
    env: process.env,
    includeWorkspaces: values.workspaces === true
};

const onPath = (tool, env) =>
    (env.PATH ?? '')
        .split(delimiter)
        .map((dir) => join(dir, tool))
        .find((file) => existsSync(file)) ?? '';

/**
 * What a step's result depends on besides the repository's files: the tools found outside it (Java for apex-ls and
 * PMD, xmllint and python on the PATH) and the Metadata API schema.
 */
function environment(env) {
    const xsd = env.METADATA_XSD && existsSync(env.METADATA_XSD) ? readFileSync(env.METADATA_XSD) : '';
    const jvms = existsSync('/usr/lib/jvm') ? readdirSync('/usr/lib/jvm').join(',') : '';
    return [
        `step ${id}`,
        `xsd ${env.METADATA_XSD ?? ''} ${createHash('sha256').update(xsd).digest('hex')}`,
        `java ${env.APEX_LS_JAVA ?? ''} ${env.JAVA_HOME ?? ''} ${jvms}`,
        // where the PATH finds the tools, not the PATH itself: npm prefixes it differently per script
        ...['java', 'xmllint', 'python3'].map((tool) => `${tool} ${onPath(tool, env)}`),
        `ci ${ctx.ci} self-tests ${env.GATE_SELF_TESTS ?? ''}`
    ];
}

let result;
try {
    const step = STEPS.find((s) => s.id === id);
    if (!step) throw new Error(`unknown step ${id}`);
    const run = async () => (await step.load()).run(ctx);
    // A warm run with nothing changed reuses the whole step's last passing result without loading its tools: the
    // repository fingerprint takes well under a second. This repository only, never the fixtures (--root).
    result =
        step.cached && ctx.includeWorkspaces && cacheEnabled(process.env)
            ? await cachedCheck(
                  { root, name: `step-${id}`, dirs: ['.'], extra: environment(process.env), enabled: true },
                  run
              )
            : await run();
} catch (error) {
    result = {
        diagnostics: [{ file: '', message: `the ${id} checker crashed: ${error?.stack ?? error}`, rule: 'gate-crash' }]
    };
}
writeFileSync(out, JSON.stringify(result));
process.exit(0);
