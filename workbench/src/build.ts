// Builds the workbench page: the project's real Lightning Web Components (the compiled JavaScript committed in
// force-app, never the TypeScript beside it) with lightning-base-components and the stand-ins for what only an org
// provides (page/lwc/stand-ins), bundled by rollup with the LWC compiler; and the connector page (connector/build.ts).
//   node --import tsx src/build.ts [--force]     builds into workbench/dist
// A hash over every input is kept in <outDir>/.build-hash: an unchanged tree is not rebuilt.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommandLine } from '@switchboard/gateway/command-line';
import type { Plugin, RollupLog } from 'rollup';

const here = dirname(fileURLToPath(import.meta.url));
const WORKBENCH = resolve(here, '..');
const REPO = resolve(WORKBENCH, '..');
const PAGE = join(WORKBENCH, 'page');
const STAND_INS = join(PAGE, 'lwc', 'stand-ins');
const TOOLKIT_DIR = join(STAND_INS, 'serviceCloudVoiceToolkitApi');
const TOOLKIT = join(TOOLKIT_DIR, 'serviceCloudVoiceToolkitApi.ts');
// The Voice Extension package holds every LWC bundle.
const FORCE_APP_LWC = join(REPO, 'force-app', 'voice-extension', 'main', 'default', 'lwc');
const DEFAULT_ENTRY = join(PAGE, 'main.ts');
const SELF = fileURLToPath(import.meta.url);

export interface BuildOptions {
    outDir: string;
    /** Rebuild even when the inputs have not changed. */
    force?: boolean;
    log: (line: string) => void;
    /** The page's entry module (default page/main.ts); tests bring their own. */
    entry?: string;
}

export interface BuildResult {
    cached: boolean;
    ms: number;
}

// ----- packages -------------------------------------------------------------------------------------------------------

/** Directory of an installed package, as the workbench resolves it (its own node_modules first, then the repo's). */
function packageDir(name: string): string {
    for (const root of [WORKBENCH, REPO]) {
        const dir = join(root, 'node_modules', ...name.split('/'));
        if (existsSync(join(dir, 'package.json'))) return dir;
    }
    throw new Error(`${name} is not installed: run npm ci at the repository root`);
}

function packageVersion(name: string): string {
    return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

type ExportsField = string | null | ExportsField[] | { [key: string]: ExportsField };

/** Conditions of a browser ES module build, in the order a bundler prefers them. */
const CONDITIONS = new Set(['browser', 'import', 'module', 'default']);

function conditionalTarget(value: ExportsField): string | null {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) {
        for (const option of value) {
            const target = conditionalTarget(option);
            if (target) return target;
        }
        return null;
    }
    if (value) {
        for (const [condition, option] of Object.entries(value)) {
            if (!CONDITIONS.has(condition)) continue;
            const target = conditionalTarget(option);
            if (target) return target;
        }
    }
    return null;
}

/** The file a package's `exports` gives for `subpath` ('.' or './x'), with `*` patterns. */
function exportsTarget(exports: ExportsField, subpath: string): string | null {
    const isMap =
        !!exports &&
        typeof exports === 'object' &&
        !Array.isArray(exports) &&
        Object.keys(exports).some((k) => k[0] === '.');
    if (!isMap) return subpath === '.' ? conditionalTarget(exports) : null;
    const map = exports as Record<string, ExportsField>;
    if (Object.prototype.hasOwnProperty.call(map, subpath)) return conditionalTarget(map[subpath]!);
    for (const [key, value] of Object.entries(map)) {
        const star = key.indexOf('*');
        if (star < 0) continue;
        const [before, after] = [key.slice(0, star), key.slice(star + 1)];
        if (!subpath.startsWith(before) || !subpath.endsWith(after) || subpath.length < key.length - 1) continue;
        return (
            conditionalTarget(value)?.replace('*', subpath.slice(before.length, subpath.length - after.length)) ?? null
        );
    }
    return null;
}

/**
 * An npm or workspace package the page imports (the connector's host, valibot...), found the way Node finds it from
 * the importer, with the ES module build's conditions. Workspace packages are symlinks: the real path keeps one copy.
 */
function resolvePackage(specifier: string, importer: string | undefined): string | null {
    const match = /^((?:@[^/]+\/)?[^/.@][^/]*)(\/.+)?$/.exec(specifier);
    if (!match) return null;
    const [, name, rest] = match as unknown as [string, string, string | undefined];
    const subpath = rest ? `.${rest}` : '.';
    const from = importer && !importer.startsWith('\0') ? dirname(importer.split('?')[0]!) : WORKBENCH;
    for (let dir = from; ; dir = dirname(dir)) {
        const packageRoot = join(dir, 'node_modules', name);
        const manifest = join(packageRoot, 'package.json');
        if (existsSync(manifest)) {
            const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
                exports?: ExportsField;
                module?: string;
                main?: string;
            };
            const target =
                pkg.exports !== undefined
                    ? exportsTarget(pkg.exports, subpath)
                    : subpath === '.'
                      ? (pkg.module ?? pkg.main ?? 'index.js')
                      : subpath;
            const file = target ? join(packageRoot, target) : null;
            return file && existsSync(file) ? realpathSync(file) : null;
        }
        if (dirname(dir) === dir) return null;
    }
}

// ----- inputs and the cache -------------------------------------------------------------------------------------------

/** Every file under `dir` (recursively) that `keep` accepts, skipping node_modules, dist and dot-folders. */
function filesUnder(dir: string, keep: (path: string) => boolean = () => true): string[] {
    if (!existsSync(dir)) return [];
    const found: string[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
            found.push(...filesUnder(path, keep));
        } else if (entry.isFile() && keep(path)) {
            found.push(path);
        }
    }
    return found;
}

/** The inputs known before a build; the files the last build actually read are added to them (see BuildRecord). */
function knownInputs(entry: string): string[] {
    return [
        ...filesUnder(PAGE),
        // Only what is bundled: jest tests and the TypeScript sources beside the compiled JavaScript are not.
        ...filesUnder(FORCE_APP_LWC, (p) => /\.(js|html|css)$/.test(p) && !p.split(sep).includes('__tests__')),
        ...filesUnder(join(REPO, 'connector', 'src')),
        join(REPO, 'connector', 'build.ts'),
        join(REPO, 'connector', 'package.json'),
        ...filesUnder(join(REPO, 'contracts', 'src')),
        SELF,
        entry
    ];
}

/** Bundling tools whose version changes the output; packages under node_modules are covered by their versions. */
const TOOLS = ['lwc', '@lwc/rollup-plugin', 'lightning-base-components', 'rollup', 'esbuild', 'rollup-plugin-esbuild'];

function inputHash(entry: string, files: Iterable<string>): string {
    const hash = createHash('sha256');
    hash.update(`entry ${relative(REPO, entry)}\n`);
    for (const tool of TOOLS) hash.update(`${tool}@${packageVersion(tool)}\n`);
    for (const file of [...new Set(files)].sort()) {
        hash.update(`${relative(REPO, file)}\0`);
        hash.update(existsSync(file) ? readFileSync(file) : '(missing)');
        hash.update('\0');
    }
    return hash.digest('hex');
}

/** <outDir>/.build-hash: the inputs' hash, and the files outside node_modules the bundle was made of. */
interface BuildRecord {
    hash: string;
    files: string[];
}

function readRecord(outDir: string): BuildRecord | null {
    try {
        const record = JSON.parse(readFileSync(join(outDir, '.build-hash'), 'utf8')) as Partial<BuildRecord>;
        return typeof record.hash === 'string' && Array.isArray(record.files)
            ? { hash: record.hash, files: record.files.map((f) => resolve(REPO, String(f))) }
            : null;
    } catch {
        return null;
    }
}

const OUTPUTS = ['app.js', 'index.html', join('connector', 'connector.js'), join('connector', 'index.html')];

/** Written beside the target, then renamed: a server reading outDir never sees half a file. */
async function writeAtomically(path: string, content: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, path);
}

// ----- module resolution ----------------------------------------------------------------------------------------------

const VIRTUAL = '\0switchboard:';
const ENTRY_ID = `${VIRTUAL}entry`;

/** Salesforce modules with one stand-in file each (page/lwc/stand-ins/README.md). */
const STAND_IN_FILES: Record<string, string> = {
    'lightning/messageService': join(STAND_INS, 'messageService.ts'),
    'lightning/navigation': join(STAND_INS, 'navigation.ts'),
    'lightning/uiRecordApi': join(STAND_INS, 'uiRecordApi.ts'),
    // An LWC component: the specifier query gives the compiler its namespace and name (as @lwc/rollup-plugin does).
    'lightning/serviceCloudVoiceToolkitApi': `${TOOLKIT}?specifier=lightning%2FserviceCloudVoiceToolkitApi`,
    '@salesforce/gate/bc.260.enableComboboxElementInternals': join(STAND_INS, 'gateClosed.ts')
};

/** Imports whose names carry their value: each gets a module of its own that asks a stand-in helper for it. */
const PARAMETRIC: { prefix: string; helper: string; exportName: string; args: (name: string) => string[] }[] = [
    {
        prefix: '@salesforce/apex/',
        helper: join(STAND_INS, 'apex.ts'),
        exportName: 'apexMethod',
        args: (name) => {
            const dot = name.lastIndexOf('.');
            if (dot < 1) throw new Error(`@salesforce/apex/${name}: expected @salesforce/apex/<Class>.<method>`);
            return [name.slice(0, dot), name.slice(dot + 1)];
        }
    },
    {
        prefix: '@salesforce/schema/',
        helper: join(STAND_INS, 'schema.ts'),
        exportName: 'schemaReference',
        args: (name) => [name]
    },
    {
        prefix: '@salesforce/messageChannel/',
        helper: join(STAND_INS, 'messageChannel.ts'),
        exportName: 'messageChannel',
        args: (name) => [name]
    }
];

function parametricSource(specifier: string): string | null {
    const kind = PARAMETRIC.find((p) => specifier.startsWith(p.prefix));
    if (!kind) return null;
    const args = kind.args(specifier.slice(kind.prefix.length)).map((a) => JSON.stringify(a));
    return (
        `import { ${kind.exportName} } from ${JSON.stringify(kind.helper)};\n` +
        `export default ${kind.exportName}(${args.join(', ')});\n`
    );
}

/**
 * Resolves what must not be left to @lwc/rollup-plugin: the LWC engine from the workbench's own lwc (the repo root
 * holds another version, which LBC and force-app would otherwise reach), the `c` namespace to the compiled
 * JavaScript in force-app, and Salesforce's modules to the stand-ins.
 */
function salesforceModules(entry: string): Plugin {
    const lwcDist = (name: string) => join(packageDir(name), 'dist', 'index.js');
    const engine: Record<string, string> = {
        lwc: lwcDist('@lwc/engine-dom'),
        '@lwc/synthetic-shadow': lwcDist('@lwc/synthetic-shadow'),
        '@lwc/wire-service': lwcDist('@lwc/wire-service'),
        'wire-service': lwcDist('@lwc/wire-service')
    };
    return {
        name: 'switchboard-salesforce-modules',
        resolveId(specifier) {
            if (specifier.startsWith(VIRTUAL)) return specifier;
            const fixed = engine[specifier] ?? STAND_IN_FILES[specifier];
            if (fixed) return fixed;
            const component = /^c\/([A-Za-z][A-Za-z0-9_]*)$/.exec(specifier);
            if (component) {
                const name = component[1]!;
                const file = join(FORCE_APP_LWC, name, `${name}.js`);
                if (!existsSync(file))
                    this.error(`${specifier}: ${relative(REPO, file)} does not exist (npm run build?)`);
                return `${file}?specifier=c%2F${name}`;
            }
            if (parametricSource(specifier) !== null) return `${VIRTUAL}${specifier}`;
            return null;
        },
        load(id) {
            // Synthetic shadow must patch the DOM before the engine loads: it comes first, whatever the entry imports.
            if (id === ENTRY_ID) return `import '@lwc/synthetic-shadow';\nimport ${JSON.stringify(entry)};\n`;
            if (id.startsWith(VIRTUAL)) return parametricSource(id.slice(VIRTUAL.length));
            return null;
        },
        async transform(code, id) {
            // The one TypeScript component: types go, decorators stay for the LWC compiler, which runs next.
            if (id.split('?')[0] !== TOOLKIT) return null;
            const { transform } = await import('esbuild');
            const result = await transform(code, {
                loader: 'ts',
                target: 'esnext',
                sourcefile: TOOLKIT,
                tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } }
            });
            return { code: result.code, map: null };
        }
    };
}

/** After the LWC resolver: bare imports of page code that are not LWC modules. */
const packages: Plugin = {
    name: 'switchboard-packages',
    resolveId(specifier, importer) {
        return resolvePackage(specifier, importer);
    }
};

const escape = (path: string) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const under = (dir: string) => new RegExp(`^${escape(dir + sep)}`);

/** Fails the build if a module of force-app's TypeScript, not its compiled JavaScript, was bundled. */
function assertCompiledJavaScriptOnly(files: string[]): void {
    const wrong = files.filter((file) => file.startsWith(FORCE_APP_LWC + sep) && !/\.(js|html|css)$/.test(file));
    if (wrong.length)
        throw new Error(`the bundle took force-app sources instead of the compiled JavaScript: ${wrong.join(', ')}`);
}

// ----- the build ------------------------------------------------------------------------------------------------------

/** The bundle, and the files it was made of outside node_modules. */
async function bundlePage(entry: string, warn: (message: string) => void): Promise<{ code: string; files: string[] }> {
    const [{ rollup }, { default: lwc }, replaceModule, { default: esbuild }] = await Promise.all([
        import('rollup'),
        import('@lwc/rollup-plugin'),
        import('@rollup/plugin-replace'),
        import('rollup-plugin-esbuild')
    ]);
    // Its types read as CommonJS under NodeNext (default.default); at run time the default export is the plugin.
    const replace = replaceModule.default as unknown as typeof replaceModule.default.default;
    const lbcDir = packageDir('lightning-base-components');
    const unresolved: string[] = [];
    const build = await rollup({
        input: ENTRY_ID,
        plugins: [
            salesforceModules(entry),
            // LBC reads import.meta.env.SSR (undefined outside Salesforce's toolchain: trap 2 of tooling.md §10).
            replace({
                preventAssignment: true,
                values: {
                    'import.meta.env.SSR': 'false',
                    'process.env.NODE_ENV': JSON.stringify('development')
                }
            }),
            // TypeScript: the page, the stand-ins, workspace packages. force-app's JavaScript goes to the LWC compiler
            // as is, and the Toolkit stand-in's decorators are for the LWC compiler (salesforceModules' transform).
            esbuild({
                include: /\.ts$/,
                exclude: [/node_modules/, under(FORCE_APP_LWC), under(TOOLKIT_DIR)],
                target: 'es2022',
                sourceMap: false,
                tsconfig: join(WORKBENCH, 'tsconfig.json')
            }),
            lwc({
                // Explicit: by default it is the entry's folder, and module records resolve against it (trap 1).
                rootDir: WORKBENCH,
                modules: [{ npm: 'lightning-base-components' }],
                // salesforceModules() resolves the engine; these would otherwise come from the repo root's lwc.
                defaultModules: [],
                // Only components go through the LWC compiler (and its empty stand-ins for missing HTML and CSS).
                include: [under(lbcDir), under(FORCE_APP_LWC), under(TOOLKIT_DIR), /^@lwc\/resources\//]
            }),
            packages
        ],
        onwarn(warning: RollupLog) {
            if (warning.code === 'UNRESOLVED_IMPORT') {
                unresolved.push(warning.message);
                return;
            }
            // LBC and the engine are full of both; neither is a problem in a browser bundle.
            if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
            // The LWC compiler's remarks on LBC's own templates (a duplicate slot in lightning-card...): not ours to fix.
            if ((warning.loc?.file ?? warning.id ?? '').startsWith(lbcDir + sep)) return;
            warn(warning.message);
        }
    });
    try {
        if (unresolved.length)
            throw new Error(`the page imports modules the build cannot resolve:\n${unresolved.join('\n')}`);
        const files = (build.cache?.modules ?? [])
            .map((m) => m.id.split('?')[0]!)
            .filter((id) => !id.startsWith('\0') && !id.split(sep).includes('node_modules') && existsSync(id));
        assertCompiledJavaScriptOnly(files);
        const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
        return { code: output[0].code, files };
    } finally {
        await build.close();
    }
}

const size = (text: string) => `${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB`;

async function buildOnce(options: BuildOptions): Promise<BuildResult> {
    const started = performance.now();
    const outDir = resolve(options.outDir);
    const entry = resolve(options.entry ?? DEFAULT_ENTRY);
    const known = knownInputs(entry);
    const previous = readRecord(outDir);
    const complete = OUTPUTS.every((file) => existsSync(join(outDir, file)));
    if (!options.force && complete && previous && inputHash(entry, [...known, ...previous.files]) === previous.hash)
        return { cached: true, ms: Math.round(performance.now() - started) };

    if (!existsSync(entry)) throw new Error(`the page's entry ${relative(REPO, entry)} does not exist`);
    options.log('Building the workbench page (LWC compiler, lightning-base-components; first time about 15 s)…');
    const { bundle: bundleConnector, connectorPage } = await import('../../connector/build.js');
    const [app, connector] = await Promise.all([
        bundlePage(entry, (message) => options.log(`build warning: ${message}`)),
        // Strict: a duplicate event from the connector throws on the workbench instead of being logged and dropped.
        bundleConnector(true)
    ]);
    const index = readFileSync(join(PAGE, 'index.html'), 'utf8');
    // An interrupted build leaves no record, so the next one runs again.
    await writeAtomically(join(outDir, '.build-hash'), '');
    await writeAtomically(join(outDir, 'app.js'), app.code);
    await writeAtomically(join(outDir, 'index.html'), index);
    // The page's own style sheets sit beside index.html (the page links them from the root).
    for (const sheet of filesUnder(PAGE, (p) => dirname(p) === PAGE && p.endsWith('.css')))
        await writeAtomically(join(outDir, basename(sheet)), readFileSync(sheet, 'utf8'));
    await writeAtomically(join(outDir, 'connector', 'connector.js'), connector);
    await writeAtomically(join(outDir, 'connector', 'index.html'), connectorPage('connector.js'));
    const files = [...new Set([...app.files, ...known.filter((f) => existsSync(f))])];
    const record: BuildRecord = {
        hash: inputHash(entry, [...known, ...files]),
        files: files.map((f) => relative(REPO, f)).sort()
    };
    await writeAtomically(join(outDir, '.build-hash'), `${JSON.stringify(record, null, 1)}\n`);
    const ms = Math.round(performance.now() - started);
    options.log(`Workbench page built in ${(ms / 1000).toFixed(1)} s (app.js ${size(app.code)}).`);
    return { cached: false, ms };
}

const running = new Map<string, Promise<BuildResult>>();

/** Builds the page into `outDir` unless it is up to date. Calls for the same outDir at once share one build. */
export async function buildPage(options: BuildOptions): Promise<BuildResult> {
    const key = resolve(options.outDir);
    const current = running.get(key);
    if (current) return current;
    const build = buildOnce(options).finally(() => running.delete(key));
    running.set(key, build);
    return build;
}

if (process.argv[1] === SELF) {
    const { values } = runCommandLine({
        usage: 'node --import tsx workbench/src/build.ts [--force]',
        about: 'Builds the workbench page into workbench/dist, unless nothing it is made of has changed.',
        options: { force: { type: 'boolean', help: 'build even if the page is up to date' } }
    });
    const outDir = join(WORKBENCH, 'dist');
    const result = await buildPage({
        outDir,
        force: values.force === true,
        log: (line) => console.log(line)
    });
    console.log(
        result.cached
            ? `${relative(process.cwd(), outDir) || '.'} is up to date (checked in ${result.ms} ms).`
            : `Wrote ${relative(process.cwd(), outDir) || '.'}.`
    );
}
