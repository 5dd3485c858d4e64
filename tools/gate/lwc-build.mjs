#!/usr/bin/env node
// npm run build        compile LWC TypeScript to the JavaScript that deploys (and keep tsconfig paths in sync)
// npm run build:check  fail when a committed .js differs from what its .ts compiles to
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as prettier from 'prettier';
import { formatDiagnostic } from './lib/diagnostics.mjs';
import { compareWithDisk, compileLwcTypeScript, expectedPaths } from './lib/lwc-typescript.mjs';
import { rel } from './lib/project.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const rootArg = args.find((a) => !a.startsWith('--'));
const root = resolve(rootArg ?? process.cwd());

const result = await compileLwcTypeScript(root);
if (result.diagnostics.length) {
    result.diagnostics.forEach((d) => console.error(formatDiagnostic(d)));
    console.error(`\n${result.diagnostics.length} TypeScript error(s): nothing was ${check ? 'checked' : 'written'}.`);
    process.exit(1);
}

if (check) {
    const problems = compareWithDisk(root, result);
    problems.forEach((d) => console.error(formatDiagnostic(d)));
    if (problems.length) {
        console.error(
            `\nbuild:check failed: ${problems.length} file(s) out of date. Run \`npm run build\` and commit.`
        );
        process.exit(1);
    }
    console.log(`build:check ok: ${result.outputs.size} compiled file(s) match their TypeScript sources.`);
    process.exit(0);
}

let written = 0;
for (const [file, text] of result.outputs) {
    let current = null;
    try {
        current = readFileSync(file, 'utf8');
    } catch {
        // not there yet
    }
    if (current !== text) {
        writeFileSync(file, text);
        console.log(`wrote ${rel(root, file)}`);
        written++;
    }
}
if (!result.pathsInSync) {
    const config = JSON.parse(readFileSync(result.tsconfigFile, 'utf8'));
    config.compilerOptions = { ...config.compilerOptions, paths: expectedPaths(root) };
    const text = await prettier.format(JSON.stringify(config), {
        ...((await prettier.resolveConfig(result.tsconfigFile)) ?? {}),
        filepath: result.tsconfigFile
    });
    writeFileSync(result.tsconfigFile, text);
    console.log('updated tsconfig.json paths');
}
console.log(`build ok: ${result.outputs.size} file(s) compiled, ${written} changed.`);
