// What the gate knows about a Salesforce DX project: where it is, its package directories, its files.
// Every step receives a project root, so the same code checks this repository and the planted-fault fixtures.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';

/** Folders never walked: dependencies, tool caches, VCS data. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sf', '.sfdx', '.localdevserver', 'coverage', 'dist', '.work']);

/**
 * Every file below `dir` (absolute paths), skipping dependency and cache folders.
 * @param {string} dir
 * @param {(path: string) => boolean} [keep]
 * @returns {string[]}
 */
export function walkFiles(dir, keep = () => true) {
    const out = [];
    const visit = (current) => {
        let entries;
        try {
            entries = readdirSync(current, { withFileTypes: true });
        } catch {
            return;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            const full = join(current, entry.name);
            if (entry.isDirectory()) {
                if (!SKIPPED_DIRS.has(entry.name)) visit(full);
            } else if (entry.isFile() && keep(full)) {
                out.push(full);
            }
        }
    };
    visit(dir);
    return out;
}

/** Path relative to the project root with forward slashes, as people read and click it. */
export function rel(root, file) {
    return relative(root, file).split(sep).join('/');
}

/**
 * The package directories declared in sfdx-project.json (absolute paths).
 * @param {string} root
 */
export function packageDirectories(root) {
    const file = join(root, 'sfdx-project.json');
    if (!existsSync(file)) throw new Error(`${file} not found: the gate checks a Salesforce DX project root`);
    const project = JSON.parse(readFileSync(file, 'utf8'));
    const dirs = (project.packageDirectories ?? []).map((p) => join(root, p.path));
    return dirs.filter((d) => existsSync(d));
}

const forceIgnores = new Map();

/**
 * The project's .forceignore, read as `sf project deploy` reads it (source-deploy-retrieve's ForceIgnore, loaded only
 * when asked for: it is slow to load). A file it denies is never deployed, so no step may report on it.
 * @param {string} root
 * @returns {(file: string) => boolean} true when the file is ignored
 */
export function forceIgnored(root) {
    if (!forceIgnores.has(root)) {
        const { ForceIgnore } = createRequire(import.meta.url)('@salesforce/source-deploy-retrieve');
        const forceIgnore = existsSync(join(root, '.forceignore')) ? ForceIgnore.findAndCreate(root) : null;
        forceIgnores.set(root, forceIgnore ? (file) => forceIgnore.denies(file) : () => false);
    }
    return forceIgnores.get(root);
}

/** Every file in every package directory that the project's .forceignore does not deny. */
export function sourceFiles(root, keep = () => true) {
    const ignored = forceIgnored(root);
    return packageDirectories(root).flatMap((dir) => walkFiles(dir, (f) => keep(f) && !ignored(f)));
}

/**
 * LWC bundles: folders directly inside an `lwc` folder of a package directory.
 * @returns {{ name: string, dir: string }[]}
 */
export function lwcBundles(root) {
    const bundles = [];
    const seen = new Set();
    for (const file of sourceFiles(root)) {
        const parts = file.split(sep);
        const at = parts.lastIndexOf('lwc');
        if (at < 0 || at + 2 >= parts.length) continue;
        const dir = parts.slice(0, at + 2).join(sep);
        if (!seen.has(dir)) {
            seen.add(dir);
            bundles.push({ name: parts[at + 1], dir });
        }
    }
    return bundles;
}

/** True when a path lies in a jest test or manual-mock folder (never deployed, never compiled into the bundle). */
export const isTestPath = (file) => file.split(sep).some((part) => part === '__tests__' || part === '__mocks__');

/**
 * Where the project's jest config maps modules for its tests (`moduleNameMapper`, e.g. `lightning/navigation` to
 * `<rootDir>/force-app/test/jest-mocks/lightning/navigation`), and its setup files: stubs that exist only for jest,
 * which `sf project deploy` leaves out and nothing deployed imports. Read as text from jest.config.{js,cjs,mjs,ts}
 * (never run: it is another project's code) or as JSON from jest.config.json and package.json's `jest`.
 * @param {string} root
 * @returns {(file: string) => boolean} true for a file at or below a mapped path (with any extension)
 */
export function jestTestOnly(root) {
    const targets = [];
    const add = (value) => {
        if (typeof value !== 'string') return;
        // `<rootDir>/stubs/lightning/$1/$1`: everything below the part before the first capture or regex sign
        const path = value.replace(/^<rootDir>[\\/]?/, '').split(/[$^*()[\]|?+]/)[0];
        const target = join(root, path).replace(/[\\/]+$/, '');
        // a mapping to the whole project (or above it) would hide everything: only paths inside it count
        if ((value.startsWith('<rootDir>') || path.startsWith('./')) && target.startsWith(root + sep))
            targets.push(target);
    };
    const fromConfig = (config) => {
        for (const v of Object.values(config?.moduleNameMapper ?? {})) [v].flat().forEach(add);
        for (const key of ['setupFiles', 'setupFilesAfterEnv']) (config?.[key] ?? []).forEach(add);
    };
    const read = (name) => {
        try {
            return readFileSync(join(root, name), 'utf8');
        } catch {
            return null;
        }
    };
    try {
        fromConfig(JSON.parse(read('package.json') ?? '{}').jest);
        fromConfig(JSON.parse(read('jest.config.json') ?? '{}'));
    } catch {
        // a broken package.json is another step's finding
    }
    for (const name of ['jest.config.js', 'jest.config.cjs', 'jest.config.mjs', 'jest.config.ts']) {
        const text = read(name);
        if (!text) continue;
        // the string values of the moduleNameMapper object and of the setup file lists
        const block = (key, open, close) => {
            const at = text.search(new RegExp(`\\b${key}\\s*:\\s*\\${open}`));
            if (at < 0) return '';
            let depth = 0;
            for (let i = text.indexOf(open, at); i < text.length; i++) {
                if (text[i] === open) depth++;
                else if (text[i] === close && --depth === 0) return text.slice(at, i + 1);
            }
            return '';
        };
        const literals = (code) => [...code.matchAll(/(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g)].map((m) => m[2]);
        const mapper = block('moduleNameMapper', '{', '}');
        // in `'^key$': 'value'` pairs the value is the literal after a colon
        for (const m of mapper.matchAll(/:\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g)) add(m[2]);
        for (const key of ['setupFiles', 'setupFilesAfterEnv']) literals(block(key, '[', ']')).forEach(add);
        for (const m of text.matchAll(/setupFilesAfterEnv\.push\(\s*(['"`])([^'"`]*)\1/g)) add(m[2]);
    }
    const norm = targets.map((t) => t.split(sep).join('/'));
    return (file) => {
        const f = file.split(sep).join('/');
        return norm.some(
            (t) => f === t || f.startsWith(`${t}/`) || (f.startsWith(`${t}.`) && !f.slice(t.length).includes('/'))
        );
    };
}
