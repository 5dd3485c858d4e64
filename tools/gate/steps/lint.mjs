// Step 2: ESLint 9 with the project's flat config (LWC rules; typescript-eslint's type-aware rules for .ts), and, for
// this repository, knip (knip.json): no file nothing imports, no export or exported type nothing uses.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { runProcess } from '../lib/process.mjs';
import { rel } from '../lib/project.mjs';
import { cachedCheck, cacheEnabled } from '../lib/result-cache.mjs';
import { runWorkspaceScripts } from '../lib/workspaces.mjs';

/** What ESLint looks at; its config decides which rules apply to which file. */
const TARGETS = ['force-app', 'jest-mocks', 'tools', 'scripts', 'eslint.config.js', 'jest.config.js'];

export async function run({ root, includeWorkspaces, env }) {
    const own = await cachedCheck(
        {
            root,
            name: 'eslint',
            dirs: ['force-app', 'jest-mocks', 'tools', 'scripts', 'types'],
            enabled: includeWorkspaces && cacheEnabled(env)
        },
        () => lintProject(root)
    );
    const diagnostics = [...own.diagnostics];
    const notes = [...(own.notes ?? [])];
    if (includeWorkspaces) {
        const unused = await cachedCheck(
            {
                root,
                name: 'knip',
                dirs: [...KNIP_DIRS, ...(await workspaceDirs(root))],
                extra: [existsSync(join(root, 'knip.json')) ? readFileSync(join(root, 'knip.json'), 'utf8') : ''],
                enabled: cacheEnabled(env)
            },
            () => unusedCode(root)
        );
        diagnostics.push(...unused.diagnostics);
        notes.push(...(unused.notes ?? []));
        const ws = await runWorkspaceScripts(root, 'lint', env);
        diagnostics.push(...ws.diagnostics);
        notes.push(...ws.notes);
    }
    return { diagnostics, notes };
}

async function lintProject(root) {
    const eslint = new ESLint({ cwd: root, errorOnUnmatchedPattern: false });
    const patterns = TARGETS.filter((t) => existsSync(join(root, t)));
    const results = patterns.length ? await eslint.lintFiles(patterns) : [];
    const diagnostics = [];
    for (const result of results) {
        for (const m of result.messages) {
            diagnostics.push({
                file: rel(root, result.filePath),
                line: m.line,
                column: m.column,
                severity: m.severity === 2 || m.fatal ? 'error' : 'warning',
                message: m.message,
                rule: m.ruleId ?? (m.fatal ? 'parse-error' : undefined)
            });
        }
    }
    return { diagnostics, notes: [`${results.length} file(s) linted`] };
}

/** What knip reads besides the workspaces (knip.json says how). */
const KNIP_DIRS = ['force-app', 'jest-mocks', 'tools', 'scripts', 'types'];

async function workspaceDirs(root) {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    return manifest.workspaces ?? [];
}

const KNIP_FINDINGS = {
    exports: 'exported, but nothing imports it: drop `export` (or the code)',
    types: 'an exported type nothing uses: drop `export` (or the type)',
    nsExports: 'exported through a namespace, but nothing uses it',
    nsTypes: 'a type exported through a namespace, but nothing uses it',
    enumMembers: 'an enum member nothing uses',
    duplicates: 'exported twice under different names: keep one'
};

/**
 * knip's findings as diagnostics. A module only its own test imports counts as used here: delete such a module.
 * knip.json's `ignoreIssues` are applied here rather than by knip, so that the waived findings are counted in a note
 * and a waiver with nothing left to waive is a warning (knip itself is silent about both).
 */
async function unusedCode(root) {
    const knip = join(root, 'node_modules', 'knip', 'bin', 'knip.js');
    const configFile = join(root, 'knip.json');
    if (!existsSync(knip) || !existsSync(configFile))
        return { diagnostics: [], notes: ['knip or knip.json is missing: unused code not checked'] };
    const { ignoreIssues: waivers = {}, ...config } = JSON.parse(readFileSync(configFile, 'utf8'));
    const work = mkdtempSync(join(tmpdir(), 'gate-knip-'));
    let run;
    try {
        const unwaived = join(work, 'knip.json');
        writeFileSync(unwaived, JSON.stringify(config));
        run = await runProcess(
            process.execPath,
            [knip, '--config', unwaived, '--no-progress', '--no-exit-code', '--no-config-hints', '--reporter', 'json'],
            { cwd: root }
        );
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
    let report;
    try {
        report = JSON.parse(run.stdout);
    } catch {
        const message = `knip did not run (exit ${run.code}): ${(run.stderr || run.stdout).trim().slice(-1500)}`;
        return { diagnostics: [{ file: 'knip.json', line: 1, column: 1, severity: 'error', message, rule: 'knip' }] };
    }
    const used = new Set();
    const waivedIn = new Map();
    const diagnostics = [];
    const add = (file, kind, line, column, message) => {
        if ((waivers[file] ?? []).includes(kind)) {
            used.add(`${file} ${kind}`);
            waivedIn.set(file, (waivedIn.get(file) ?? 0) + 1);
            return;
        }
        diagnostics.push({ file, line, column, severity: 'error', message, rule: `knip/${kind}` });
    };
    for (const issue of report.issues ?? []) {
        if (issue.files?.length)
            add(
                issue.file,
                'files',
                1,
                1,
                'nothing imports this file: delete it (with its test), or import it where it is meant to be used'
            );
        for (const [kind, text] of Object.entries(KNIP_FINDINGS)) {
            for (const found of issue[kind] ?? []) {
                const first = Array.isArray(found) ? found[0] : found;
                const names = Array.isArray(found) ? found.map((f) => f.name).join(', ') : found.name;
                add(issue.file, kind, first?.line ?? 1, first?.col ?? 1, `${names}: ${text}`);
            }
        }
    }
    for (const [file, kinds] of Object.entries(waivers))
        for (const kind of kinds)
            if (!used.has(`${file} ${kind}`))
                diagnostics.push({
                    file: 'knip.json',
                    line: 1,
                    column: 1,
                    severity: 'warning',
                    message: `ignoreIssues waives ${kind} in ${file}, but there is none left: remove the waiver`,
                    rule: 'knip/stale-waiver'
                });
    const waived = [...waivedIn].map(([file, n]) => `${file} (${n})`);
    return {
        diagnostics,
        notes: [
            `knip: ${diagnostics.filter((d) => d.severity === 'error').length} unused file(s), export(s) or type(s)`,
            ...(waived.length ? [`knip: waived in knip.json until their owners remove them: ${waived.join(', ')}`] : [])
        ]
    };
}
