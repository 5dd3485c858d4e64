// Step 9: Jest for LWC (sfdx-lwc-jest, coverage thresholds from jest.config.js), then the workspaces' own `test`
// scripts, then the gate's own tests (planted faults must each be caught, a clean project must pass) and the tests of
// the project's scripts (scripts/test: the scratch-org commands against the sf CLI's recorded flags).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../lib/process.mjs';
import { isTestPath, lwcBundles, rel, walkFiles } from '../lib/project.mjs';
import { cachedCheck, cacheEnabled } from '../lib/result-cache.mjs';
import { runWorkspaceScripts } from '../lib/workspaces.mjs';

const require = createRequire(import.meta.url);

async function runLwcJest(root) {
    const diagnostics = [];
    const notes = [];
    const tmp = mkdtempSync(join(tmpdir(), 'gate-jest-'));
    const out = join(tmp, 'results.json');
    const bin = require.resolve('@salesforce/sfdx-lwc-jest/bin/sfdx-lwc-jest');
    // The LWC transformer's cache key ignores coverage instrumentation: a plain test run could leave uninstrumented
    // files in the shared cache for the next coverage run to reuse. Coverage runs get their own cache.
    const cacheDirectory = join(root, 'node_modules', '.cache', 'switchboard-coverage-jest');
    const { code, stdout, stderr } = await runProcess(
        process.execPath,
        [
            bin,
            '--coverage',
            '--',
            '--json',
            `--outputFile=${out}`,
            '--testLocationInResults',
            `--cacheDirectory=${cacheDirectory}`
        ],
        { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } }
    );
    let results = null;
    try {
        results = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
        // jest did not get far enough to write results
    }
    rmSync(tmp, { recursive: true, force: true });
    if (results) {
        notes.push(
            `LWC jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed in ${results.numTotalTestSuites} suite(s)`
        );
        for (const suite of results.testResults) {
            if (suite.status === 'failed' && !suite.assertionResults.some((a) => a.status === 'failed')) {
                diagnostics.push({
                    file: rel(root, suite.name),
                    message: `test suite failed to run: ${String(suite.message).trim().split('\n').slice(0, 12).join('\n')}`,
                    rule: 'jest'
                });
            }
            for (const a of suite.assertionResults.filter((x) => x.status === 'failed')) {
                const first = String(a.failureMessages?.[0] ?? '')
                    .split('\n')
                    .filter((l) => l.trim())
                    .slice(0, 6)
                    .join('\n');
                diagnostics.push({
                    file: rel(root, suite.name),
                    line: a.location?.line,
                    message: `${a.fullName}\n${first}`,
                    rule: 'jest'
                });
            }
        }
    }
    const thresholds = `${stdout}\n${stderr}`.split('\n').filter((l) => /coverage threshold/i.test(l));
    for (const line of thresholds)
        diagnostics.push({ file: 'jest.config.js', message: line.trim(), rule: 'coverage-threshold' });
    const summary = /Statements\s*:\s*([\d.]+%|Unknown%)/.exec(stdout);
    if (summary) notes.push(`LWC coverage: statements ${summary[1]}`);
    const components = lwcBundles(root).some(
        (b) => walkFiles(b.dir, (f) => f.endsWith('.js') && !isTestPath(f)).length > 0
    );
    if (components && results?.numTotalTests && summary?.[1] === 'Unknown%') {
        diagnostics.push({
            file: 'jest.config.js',
            message: 'coverage measured no file although LWC JavaScript exists: check collectCoverageFrom',
            rule: 'coverage-threshold'
        });
    }
    if (code !== 0 && !diagnostics.length) {
        diagnostics.push({
            file: '',
            message: `sfdx-lwc-jest exited with ${code}:\n${`${stdout}\n${stderr}`.trim().split('\n').slice(-20).join('\n')}`,
            rule: 'jest'
        });
    }
    return { diagnostics, notes };
}

/**
 * The architecture test reads the whole repository (docs/architecture.md against every import), so no cache key short
 * of everything would do; it takes well under a second and always runs.
 */
const ARCHITECTURE_TEST = join('tools', 'gate', 'test', 'architecture.test.mjs');

/** node:test files of the gate itself and of the project's scripts (scripts/test), but the architecture test. */
function selfTestFiles(toolRoot) {
    return [join(toolRoot, 'tools', 'gate', 'test'), join(toolRoot, 'scripts', 'test')]
        .filter((dir) => existsSync(dir))
        .flatMap((dir) =>
            readdirSync(dir)
                .filter((f) => f.endsWith('.test.mjs'))
                .map((f) => join(dir, f))
        )
        .filter((file) => file !== join(toolRoot, ARCHITECTURE_TEST));
}

async function runGateSelfTests(toolRoot, files = selfTestFiles(toolRoot), label = 'gate and script self-tests') {
    if (!files.length) return { diagnostics: [], notes: [] };
    const { code, stdout, stderr } = await runProcess(process.execPath, ['--test', '--test-reporter=tap', ...files], {
        cwd: toolRoot,
        env: { ...process.env, FORCE_COLOR: '0' }
    });
    const pass = /# pass (\d+)/.exec(stdout)?.[1] ?? /ℹ pass (\d+)/.exec(stdout)?.[1];
    const fail = /# fail (\d+)/.exec(stdout)?.[1] ?? /ℹ fail (\d+)/.exec(stdout)?.[1];
    const notes = [`${label}: ${pass ?? '?'} passed, ${fail ?? '?'} failed`];
    if (code === 0) return { diagnostics: [], notes };
    // TAP: keep each failing test with its diagnostic block (indented YAML under "not ok")
    const lines = stdout.split('\n');
    const failures = [];
    lines.forEach((line, i) => {
        if (!/^\s*not ok /.test(line)) return;
        const indent = line.search(/\S/);
        failures.push(line.trim());
        for (let j = i + 1; j < lines.length && (lines[j].search(/\S/) > indent || !lines[j].trim()); j++) {
            if (/^\s*(---|\.\.\.|duration_ms|type:|location:|failureType|code:|stack)/.test(lines[j])) continue;
            failures.push(`  ${lines[j].trim()}`);
            if (failures.length > 60) break;
        }
    });
    return {
        diagnostics: [
            {
                file: 'tools/gate/test',
                message: `${label} failed:\n${failures.slice(0, 60).join('\n') || stderr.slice(-2000)}`,
                rule: 'gate-self-test'
            }
        ],
        notes
    };
}

export async function run({ root, toolRoot, includeWorkspaces, env }) {
    const diagnostics = [];
    const notes = [];
    const enabled = includeWorkspaces && cacheEnabled(env);
    const parts = [
        cachedCheck({ root, name: 'lwc-jest', dirs: ['force-app', 'jest-mocks'], enabled }, () => runLwcJest(root))
    ];
    if (includeWorkspaces) parts.push(runWorkspaceScripts(root, 'test', env));
    if (includeWorkspaces && env.GATE_SELF_TESTS !== '0') {
        // the planted-fault run depends on every root config, the gate, the scripts it tests, and whether an XSD is set
        const dirs = ['tools', 'scripts', 'types', 'jest-mocks', 'data'];
        parts.push(
            cachedCheck(
                {
                    root,
                    name: 'gate-self-tests',
                    dirs,
                    extra: [`xsd ${env.METADATA_XSD ?? ''}`, `java ${env.APEX_LS_JAVA ?? ''} ${env.JAVA_HOME ?? ''}`],
                    enabled
                },
                () => runGateSelfTests(toolRoot)
            )
        );
        if (existsSync(join(toolRoot, ARCHITECTURE_TEST)))
            parts.push(runGateSelfTests(toolRoot, [join(toolRoot, ARCHITECTURE_TEST)], 'architecture test'));
    }
    for (const part of await Promise.all(parts)) {
        diagnostics.push(...part.diagnostics);
        notes.push(...part.notes);
    }
    return { diagnostics, notes };
}
