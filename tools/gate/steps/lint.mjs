// Step 2: ESLint 9 with the project's flat config (LWC rules; typescript-eslint's type-aware rules for .ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
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
