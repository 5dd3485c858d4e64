// Warm gate runs reuse a check's last passing result when none of its inputs changed (the gate's own code counts as
// an input of every check).
//
// The key is a SHA-256 over the content of every input file, the root configuration and lock file, the Node
// version and the environment that affects the check. Any change, anywhere in those inputs, reruns the check. A
// result is stored only when it passed. Only this repository's own runs are cached (never the planted-fault
// fixtures); GATE_CACHE=off disables it, and a clean clone (CI) has no cache at all.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rel, walkFiles } from './project.mjs';

/** Root files every check depends on. */
const ROOT_INPUTS = [
    'package.json',
    'package-lock.json',
    '.npmrc',
    'sfdx-project.json',
    '.forceignore',
    'tsconfig.json',
    'tsconfig.node.json',
    'eslint.config.js',
    'jest.config.js',
    'jest-sa11y-setup.js',
    '.prettierrc',
    '.prettierignore',
    'code-analyzer.yml'
];

const cacheDir = (root) => join(root, 'node_modules', '.cache', 'switchboard-gate');

export const cacheEnabled = (env) => env.GATE_CACHE !== 'off';

/**
 * Fingerprint of the files below `dirs` (relative to root), the root inputs and the given extra strings.
 * @param {string} root
 * @param {string[]} dirs
 * @param {string[]} [extra]
 */
function fingerprint(root, dirs, extra = []) {
    const hash = createHash('sha256');
    hash.update(`node ${process.version}\n`);
    for (const e of extra) hash.update(`extra ${e}\n`);
    const all = [...dirs, 'tools/gate'];
    const files = [
        ...ROOT_INPUTS.map((f) => join(root, f)),
        ...all.flatMap((d) => (existsSync(join(root, d)) ? walkFiles(join(root, d)) : []))
    ];
    for (const file of [...new Set(files)].sort()) {
        if (!existsSync(file)) continue;
        hash.update(`file ${rel(root, file)}\n`);
        hash.update(readFileSync(file));
    }
    return hash.digest('hex');
}

function load(root, name) {
    try {
        return JSON.parse(readFileSync(join(cacheDir(root), `${name}.json`), 'utf8'));
    } catch {
        return null;
    }
}

/**
 * Runs `check` unless a passing result for the same inputs is stored; stores it when it passes.
 * @param {{ root: string, name: string, dirs: string[], extra?: string[], enabled: boolean }} options
 * @param {() => Promise<{ diagnostics: object[], notes?: string[] }>} check
 */
export async function cachedCheck({ root, name, dirs, extra = [], enabled }, check) {
    if (!enabled) return check();
    const key = fingerprint(root, dirs, extra);
    const previous = load(root, name);
    if (previous?.key === key) {
        return {
            ...previous.result,
            notes: [...(previous.result.notes ?? []), `${name}: inputs unchanged since its last pass (cached)`]
        };
    }
    const result = await check();
    // a skipped check (a tool missing) did not pass: it runs again next time
    if (!result.skipped && !(result.diagnostics ?? []).some((d) => d.severity !== 'warning')) {
        mkdirSync(cacheDir(root), { recursive: true });
        writeFileSync(join(cacheDir(root), `${name}.json`), JSON.stringify({ key, result }));
    }
    return result;
}
