// npm run build -w @switchboard/scanner: compiles src/**/*.ts to dist/**/*.js, the JavaScript the `switchboard` bin
// runs, so that start-up compiles no TypeScript. dist/ is committed (a fresh clone works after `npm ci` alone) and
// every file names its source; `node build.js --check` (run by the scanner's tests) fails when one is stale.
// Type checking is `npm run typecheck`'s job: this only strips types, file by file, as tsx would.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const SRC = join(here, 'src');
const DIST = join(here, 'dist');

function list(dir, ext) {
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && e.name.endsWith(ext) && !e.name.endsWith('.d.ts'))
        .map((e) => join(e.parentPath ?? e.path, e.name))
        .sort();
}

/** What dist/ must hold: its path and text for every source file. */
export function expectedOutputs() {
    const out = new Map();
    for (const file of list(SRC, '.ts')) {
        const rel = relative(SRC, file).split('\\').join('/');
        const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
            fileName: file,
            compilerOptions: {
                target: ts.ScriptTarget.ES2022,
                module: ts.ModuleKind.ESNext,
                verbatimModuleSyntax: true,
                removeComments: false,
                newLine: ts.NewLineKind.LineFeed
            }
        });
        const header = `// Generated from scanner/src/${rel} by \`npm run build -w @switchboard/scanner\`: do not edit.\n`;
        out.set(join(DIST, rel.replace(/\.ts$/, '.js')), header + outputText);
    }
    return out;
}

/** One table: `parseArgs` reads it and `--help` prints it (the CLI's own table is src/cli/main.ts OPTIONS). */
const OPTIONS = {
    check: { type: 'boolean', help: 'change nothing; exit 1 when dist/ differs from what src/ compiles to' },
    help: { type: 'boolean', short: 'h', help: 'this text' }
};

const { values } = parseArgs({ options: OPTIONS });
if (values.help) {
    const rows = Object.entries(OPTIONS).map(
        ([name, o]) => `  ${`${o.short ? `-${o.short}, ` : ''}--${name}`.padEnd(14)}${o.help}`
    );
    console.log(
        `Usage: node build.js [options]\n\nCompiles src/**/*.ts to dist/ (types stripped).\n\n${rows.join('\n')}`
    );
    process.exit(0);
}
const check = values.check === true;
const expected = expectedOutputs();
const problems = [];
let written = 0;
for (const [file, text] of expected) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === text) continue;
    if (check) problems.push(`${relative(here, file)} is ${current === undefined ? 'missing' : 'stale'}`);
    else {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
        written++;
    }
}
for (const file of list(DIST, '.js')) {
    if (expected.has(file)) continue;
    if (check) problems.push(`${relative(here, file)} has no source in src/`);
    else rmSync(file);
}
if (problems.length > 0) {
    console.error(`${problems.join('\n')}\nRun \`npm run build -w @switchboard/scanner\` and commit dist/.`);
    process.exit(1);
}
console.log(check ? `dist/ matches src/ (${expected.size} files).` : `dist/: ${written} file(s) written.`);
