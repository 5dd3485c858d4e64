// Compiles LWC logic authored in TypeScript into the JavaScript that deploys, in memory.
// `npm run build` writes the result; `npm run build:check` and the gate compare it with what is committed.
//
// Settings that keep @api/@wire intact for the LWC compiler come from tsconfig.json (target ESNext, standard
// decorators: see ../shared/reference/tooling.md §2). The `c/<bundle>` path map is derived from the bundles on disk
// because TypeScript cannot map `c/*` to `lwc/*/*` with one pattern.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';
import * as prettier from 'prettier';
import { isTestPath, lwcBundles, rel } from './project.mjs';

const GENERATED_MARKER = 'Generated from ';

/** The first line of every compiled file: says where it comes from and that it is not to be edited. */
export function generatedHeader(tsFile) {
    return `// ${GENERATED_MARKER}${basename(tsFile)} by \`npm run build\`. Do not edit: change the .ts and rebuild.\n`;
}

/** True when a JavaScript text was written by this build. */
export function isGeneratedText(text) {
    return text.startsWith(`// ${GENERATED_MARKER}`);
}

/** TypeScript sources of LWC bundles (tests and declaration files excluded). */
function lwcTypeScriptFiles(root) {
    const files = [];
    for (const bundle of lwcBundles(root)) {
        for (const file of ts.sys.readDirectory(bundle.dir, ['.ts'], undefined, undefined)) {
            if (!file.endsWith('.d.ts') && !isTestPath(file)) files.push(file);
        }
    }
    return files.sort();
}

/** `c/<bundle>` → the bundle's main module, for every bundle (what tsconfig.json `paths` must say). */
export function expectedPaths(root) {
    /** @type {Record<string, string[]>} */
    const paths = {};
    for (const bundle of lwcBundles(root).sort((a, b) => a.name.localeCompare(b.name))) {
        paths[`c/${bundle.name}`] = [`./${rel(root, join(bundle.dir, bundle.name))}`];
    }
    return paths;
}

function toDiagnostic(root, diagnostic) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) {
        return { file: '', message, rule: `TS${diagnostic.code}` };
    }
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return {
        file: rel(root, diagnostic.file.fileName),
        line: line + 1,
        column: character + 1,
        message,
        rule: `TS${diagnostic.code}`
    };
}

/**
 * Type-checks and compiles every LWC TypeScript file of a project.
 * @param {string} root project root (holds tsconfig.json)
 * @returns {Promise<{
 *   diagnostics: import('./diagnostics.mjs').Diagnostic[],
 *   outputs: Map<string, string>,
 *   sources: string[],
 *   pathsInSync: boolean,
 *   tsconfigFile: string
 * }>}
 */
export async function compileLwcTypeScript(root) {
    const tsconfigFile = join(root, 'tsconfig.json');
    const sources = lwcTypeScriptFiles(root);
    const outputs = new Map();
    if (!existsSync(tsconfigFile)) {
        const diagnostics = sources.length
            ? [
                  {
                      file: 'tsconfig.json',
                      message: 'tsconfig.json is missing: LWC TypeScript cannot be compiled',
                      rule: 'build'
                  }
              ]
            : [];
        return { diagnostics, outputs, sources, pathsInSync: true, tsconfigFile };
    }

    const read = ts.readConfigFile(tsconfigFile, ts.sys.readFile);
    if (read.error)
        return { diagnostics: [toDiagnostic(root, read.error)], outputs, sources, pathsInSync: false, tsconfigFile };
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, tsconfigFile);
    const configErrors = parsed.errors.filter((e) => e.code !== 18003); // 18003: no inputs (a project without TS yet)
    if (configErrors.length) {
        return {
            diagnostics: configErrors.map((e) => toDiagnostic(root, e)),
            outputs,
            sources,
            pathsInSync: false,
            tsconfigFile
        };
    }

    const wanted = expectedPaths(root);
    const pathsInSync = JSON.stringify(read.config.compilerOptions?.paths ?? {}) === JSON.stringify(wanted);
    // Emit even when some file has errors, so the build check still covers the files that compile.
    const options = {
        ...parsed.options,
        paths: wanted,
        pathsBasePath: root,
        noEmit: false,
        noEmitOnError: false,
        outDir: undefined
    };
    const program = ts.createProgram({ rootNames: parsed.fileNames, options });
    const raw = ts.getPreEmitDiagnostics(program);
    const diagnostics = raw.map((d) => toDiagnostic(root, d));
    const filesWithErrors = new Set(raw.map((d) => d.file?.fileName).filter(Boolean));

    const wantedSources = new Set(sources.filter((s) => !filesWithErrors.has(s)));
    const emitted = [];
    program.emit(undefined, (fileName, text, _bom, _onError, sourceFiles) => {
        const source = sourceFiles?.[0]?.fileName;
        if (!source || !wantedSources.has(source) || !fileName.endsWith('.js')) return;
        emitted.push({ fileName, source, text });
    });
    for (const { fileName, source, text } of emitted) {
        outputs.set(fileName, await formatGenerated(fileName, generatedHeader(source) + text));
    }
    return { diagnostics, outputs, sources, filesWithErrors, pathsInSync, tsconfigFile };
}

/** Formats compiled output with the project's Prettier settings, so the deployed file reads like hand-written code. */
async function formatGenerated(fileName, text) {
    const config = (await prettier.resolveConfig(fileName)) ?? {};
    return prettier.format(text, { ...config, filepath: fileName });
}

/**
 * Compares compiled output with the files on disk.
 * @returns {import('./diagnostics.mjs').Diagnostic[]} one per stale, missing or orphaned file
 */
export function compareWithDisk(root, result) {
    const problems = [];
    if (!result.pathsInSync) {
        problems.push({
            file: 'tsconfig.json',
            message: 'compilerOptions.paths does not list every LWC bundle as c/<name>: run `npm run build`',
            rule: 'build-check'
        });
    }
    for (const [file, text] of result.outputs) {
        if (!existsSync(file)) {
            problems.push({
                file: rel(root, file),
                message: `missing: compile ${basename(file, '.js')}.ts with \`npm run build\` and commit the .js`,
                rule: 'build-check'
            });
        } else if (readFileSync(file, 'utf8') !== text) {
            problems.push({
                file: rel(root, file),
                line: 1,
                message: `stale: differs from what ${basename(file, '.js')}.ts compiles to; run \`npm run build\` and commit the .js`,
                rule: 'build-check'
            });
        }
    }
    // A generated file whose TypeScript source is gone would deploy logic nobody can edit.
    for (const bundle of lwcBundles(root)) {
        for (const file of ts.sys.readDirectory(bundle.dir, ['.js'], undefined, undefined)) {
            if (
                isTestPath(file) ||
                result.outputs.has(file) ||
                result.filesWithErrors?.has(file.replace(/\.js$/, '.ts'))
            )
                continue;
            const tsSibling = join(dirname(file), `${basename(file, '.js')}.ts`);
            if (!existsSync(tsSibling) && isGeneratedText(readFileSync(file, 'utf8'))) {
                problems.push({
                    file: rel(root, file),
                    line: 1,
                    message: `generated from ${basename(tsSibling)}, which no longer exists: delete the .js or restore the .ts`,
                    rule: 'build-check'
                });
            }
        }
    }
    return problems;
}
