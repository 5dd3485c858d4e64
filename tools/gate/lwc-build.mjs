#!/usr/bin/env node
// npm run build        compile LWC TypeScript to the JavaScript that deploys (and keep tsconfig paths in sync)
// npm run build:check  fail when a committed .js differs from what its .ts compiles to
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as prettier from 'prettier';
import { formatDiagnostic } from './lib/diagnostics.mjs';
import { compareWithDisk, compileLwcTypeScript, expectedPaths } from './lib/lwc-typescript.mjs';
import { rel } from './lib/project.mjs';
import { runCommandLine, usageFailure } from '../../scripts/lib/cli.mjs';

const { values, positionals } = runCommandLine({
    usage: 'node tools/gate/lwc-build.mjs [--check] [<project>]      (npm run build, npm run build:check)',
    about: 'Compiles the LWC TypeScript to the JavaScript that deploys, and keeps tsconfig.json paths and the generated\nblock of .gitattributes in sync. <project> defaults to the current folder.',
    positionals: true,
    options: {
        check: { type: 'boolean', help: 'change nothing: fail when a committed file differs from what the build makes' }
    }
});
if (positionals.length > 1) usageFailure('one project at most');
const check = values.check === true;
const root = resolve(positionals[0] ?? process.cwd());

const result = await compileLwcTypeScript(root);
if (result.diagnostics.length) {
    result.diagnostics.forEach((d) => console.error(formatDiagnostic(d)));
    console.error(`\n${result.diagnostics.length} TypeScript error(s): nothing was ${check ? 'checked' : 'written'}.`);
    process.exit(1);
}

// .gitattributes marks every compiled file generated (collapsed in diffs, out of language statistics), in a block
// this build keeps: a new .ts gets its line, a removed one loses it.
const ATTRIBUTES_FILE = resolve(root, '.gitattributes');
const BLOCK_START = '# BEGIN compiled LWC JavaScript, kept by `npm run build`';
const BLOCK_END = '# END compiled LWC JavaScript';

function attributesWithBlock() {
    let text = '';
    try {
        text = readFileSync(ATTRIBUTES_FILE, 'utf8');
    } catch {
        // none yet
    }
    const lines = [...result.outputs.keys()].map((file) => `${rel(root, file)} linguist-generated=true`).sort();
    const block = [BLOCK_START, ...lines, BLOCK_END].join('\n');
    const start = text.indexOf(BLOCK_START);
    const end = text.indexOf(BLOCK_END);
    if (start >= 0 && end > start)
        return { text, wanted: text.slice(0, start) + block + text.slice(end + BLOCK_END.length) };
    return { text, wanted: `${text}${text && !text.endsWith('\n') ? '\n' : ''}${block}\n` };
}

if (check) {
    const problems = compareWithDisk(root, result);
    const attributes = attributesWithBlock();
    if (attributes.text !== attributes.wanted)
        problems.push({
            file: '.gitattributes',
            line: 1,
            column: 1,
            message: 'the compiled LWC files are not all marked generated (or a removed one still is)',
            rule: 'gitattributes'
        });
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
const attributes = attributesWithBlock();
if (attributes.text !== attributes.wanted) {
    writeFileSync(ATTRIBUTES_FILE, attributes.wanted);
    console.log('updated .gitattributes');
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
