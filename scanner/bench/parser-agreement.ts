// npm run check:parsers -w @switchboard/scanner: analyses real code both ways, parsed by oxc (converted, the
// scanner's way) and by the TypeScript compiler alone, and counts the units whose analyses differ. The code is the
// workspace's own node_modules (what the lockfile pins): every Nth JavaScript and TypeScript file under 200 KB.
// Prints a line per difference (up to ten), then one JSON line: {"files","oxc","same","different"}; exits 1 when
// any unit differs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { EMPTY_REGISTRY } from '../src/analysis/detections.js';
import {
    analyzeJavaScript,
    analyzeParsed,
    parseUnit,
    parseWithTypeScript,
    type Language
} from '../src/analysis/javascript.js';
import { parseScriptArgs, type HelpRow } from '../src/cli/options.js';

const OPTIONS = {
    every: { type: 'string', value: '<n>', help: 'take every nth file found (default 20)' },
    max: { type: 'string', value: '<n>', help: 'at most this many files (default 1000)' },
    help: { type: 'boolean', short: 'h', help: 'this text' }
} as const satisfies Record<string, HelpRow>;

const USAGE = 'Usage: npm run check:parsers -w @switchboard/scanner -- [options]';
const values = parseScriptArgs(
    OPTIONS,
    USAGE,
    `Analyses node_modules code parsed by oxc and by the compiler, and compares.`
);
const EVERY = Math.max(1, Number(values.every ?? 20));
const MAX = Math.max(1, Number(values.max ?? 1000));
// The folder the workspace's packages are installed in, found as Node finds one of them.
const compiler = createRequire(import.meta.url).resolve('typescript');
const root = compiler.slice(0, compiler.lastIndexOf('node_modules') + 'node_modules'.length);

/** Every file under `dir` named like JavaScript or TypeScript source (no declaration files), in a stable order. */
function sources(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(c|m)?(j|t)s$/.test(f) && !f.endsWith('.d.ts'))
        .sort()
        .map((f) => join(dir, f));
}

const picked = sources(root)
    .filter((_, i) => i % EVERY === 0)
    .filter((f) => {
        try {
            const st = statSync(f);
            return st.isFile() && st.size < 200 * 1024;
        } catch {
            return false;
        }
    })
    .slice(0, MAX);

let oxc = 0;
let same = 0;
let different = 0;
for (const file of picked) {
    const text = readFileSync(file, 'utf8');
    const language: Language = /\.(c|m)?ts$/.test(file) ? 'ts' : 'js';
    const options = { file, language, registry: EMPTY_REGISTRY };
    const parsed = parseUnit(text, options);
    // Only a unit oxc took can differ: the others are the compiler's either way.
    if (!('sf' in parsed) || !('kids' in parsed.sf)) continue;
    oxc++;
    const fast = analyzeJavaScript(text, options);
    const reference = analyzeParsed(parseWithTypeScript(text, options), options);
    if (isDeepStrictEqual(fast, reference)) {
        same++;
    } else {
        different++;
        if (different <= 10) console.log(`differs: ${file}`);
    }
}
console.log(
    `${picked.length} files, ${oxc} parsed by oxc: ${same} analysed the same both ways, ${different} differently`
);
console.log(JSON.stringify({ files: picked.length, oxc, same, different }));
process.exitCode = different > 0 ? 1 : 0;
