// npm run build -w @switchboard/scanner: bundles src/ (from src/cli/bundle.ts) into dist/switchboard.js, the one
// JavaScript file the `switchboard` bin runs. One file, not one per module: start-up compiles no TypeScript and
// resolves, reads and links one module instead of forty (a third of the start-up on an empty folder). The parsers
// and other libraries stay outside it, loaded on first use (src/lazy.ts). dist/ is committed (a fresh clone works
// after `npm ci` alone) and names its source; `node build.js --check` (run by the scanner's tests) fails when it is
// stale. Type checking is `npm run typecheck`'s job: esbuild only strips types.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSync } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const DIST = join(here, 'dist');
const OUT = join(DIST, 'switchboard.js');

/** The bundle's text, as esbuild makes it from src/ (the same text on every machine for the same sources). */
export function expectedBundle() {
    const result = buildSync({
        absWorkingDir: here,
        entryPoints: ['src/cli/bundle.ts'],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        // Every package stays a package: the parsers load lazily, and the catalog is read by its package name.
        packages: 'external',
        legalComments: 'none',
        charset: 'utf8',
        banner: {
            js: '// Generated from scanner/src/ (entry src/cli/bundle.ts) by `npm run build -w @switchboard/scanner`: do not edit.'
        },
        write: false,
        logLevel: 'silent'
    });
    return result.outputFiles[0].text;
}

/** One table: `parseArgs` reads it and `--help` prints it (the CLI's own table is src/cli/main.ts OPTIONS). */
const OPTIONS = {
    check: { type: 'boolean', help: 'change nothing; exit 1 when dist/ differs from what src/ builds to' },
    help: { type: 'boolean', short: 'h', help: 'this text' }
};

const { values } = parseArgs({ options: OPTIONS });
if (values.help) {
    const rows = Object.entries(OPTIONS).map(
        ([name, o]) => `  ${`${o.short ? `-${o.short}, ` : ''}--${name}`.padEnd(14)}${o.help}`
    );
    console.log(`Usage: node build.js [options]\n\nBundles src/ into dist/switchboard.js.\n\n${rows.join('\n')}`);
    process.exit(0);
}
const check = values.check === true;
const expected = expectedBundle();
const problems = [];
const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : undefined;
const others = existsSync(DIST)
    ? readdirSync(DIST, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile() && join(e.parentPath ?? e.path, e.name) !== OUT)
          .map((e) => join(e.parentPath ?? e.path, e.name))
    : [];
if (check) {
    if (current !== expected) problems.push(`${relative(here, OUT)} is ${current === undefined ? 'missing' : 'stale'}`);
    for (const file of others) problems.push(`${relative(here, file)} is not built from src/`);
    if (problems.length > 0) {
        console.error(`${problems.join('\n')}\nRun \`npm run build -w @switchboard/scanner\` and commit dist/.`);
        process.exit(1);
    }
    console.log(`dist/ matches src/ (${relative(here, OUT)}, ${(expected.length / 1024).toFixed(0)} kB).`);
} else {
    for (const file of others) rmSync(file);
    for (const e of existsSync(DIST) ? readdirSync(DIST, { withFileTypes: true }) : []) {
        if (e.isDirectory()) rmSync(join(DIST, e.name), { recursive: true });
    }
    mkdirSync(DIST, { recursive: true });
    if (current !== expected) writeFileSync(OUT, expected);
    console.log(`${relative(here, OUT)}: ${current === expected ? 'unchanged' : 'written'}.`);
}
