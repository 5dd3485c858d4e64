// Libraries loaded on first use, not at start-up: the TypeScript compiler is about 9 MB of JavaScript and
// htmlparser2 pulls in large entity tables, so a scan that has nothing to parse (or `--help`) never pays for them.
// `require` keeps the scan synchronous; htmlparser2 is an ES module, which Node >= 20.19 (the engines field)
// loads through require(); `ignore` is CommonJS, and requiring it skips the ESM loader's CommonJS lexer.
import { isAscii } from 'node:buffer';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type * as FastestLevenshtein from 'fastest-levenshtein';
import type * as Fflate from 'fflate';
import type * as Htmlparser2 from 'htmlparser2';
import type * as Oxc from 'oxc-parser';
import type Ignore from 'ignore';
import type * as TS from 'typescript';

const require = createRequire(import.meta.url);
const loaded = new Set<string>();

function lazy<T>(id: string): () => T {
    let value: T | undefined;
    return () => {
        if (value === undefined) {
            value = require(id) as T;
            loaded.add(id);
        }
        return value;
    };
}

/**
 * The compiler, compiled with a V8 code cache: its 9 MB take 0.3 s to compile cold, a third of that from the cache.
 * The cache is written at exit, after the scan, so it holds the functions the scan compiled too. It lives beside
 * the compiler, in `node_modules/.cache/switchboard/` (as trusted as the compiler itself; never a shared temporary
 * folder), is keyed by the compiler's and Node's versions, and V8 rejects a cache that does not match. Any failure
 * to read or write it falls back to a plain `require`. `SWITCHBOARD_CODE_CACHE=0` turns it off;
 * `SWITCHBOARD_CODE_CACHE_DIR` puts it elsewhere (tests).
 */
export const loadTypeScript = (() => {
    let value: typeof TS | undefined;
    return (): typeof TS => {
        if (value === undefined) {
            value =
                (process.env.SWITCHBOARD_CODE_CACHE === '0' ? undefined : withCodeCache('typescript')) ??
                (require('typescript') as typeof TS);
            loaded.add('typescript');
        }
        return value;
    };
})();

function withCodeCache<T>(id: string): T | undefined {
    try {
        const file = require.resolve(id);
        const version = (require(`${id}/package.json`) as { version: string }).version;
        const modules = file.slice(0, file.lastIndexOf('node_modules') + 'node_modules'.length);
        const dir = process.env.SWITCHBOARD_CODE_CACHE_DIR || join(modules, '.cache', 'switchboard');
        const cacheFile = join(dir, `${id}-${version}-${process.version}-${process.arch}.v8`);
        let cachedData: Buffer | undefined;
        try {
            cachedData = readFileSync(cacheFile);
        } catch {
            // no cache yet
        }
        const script = new Script(Module.wrap(readSource(file)), {
            filename: file,
            ...(cachedData ? { cachedData } : {})
        });
        const module = { exports: {} as unknown };
        (script.runInThisContext() as (...args: unknown[]) => void).call(
            module.exports,
            module.exports,
            createRequire(file),
            module,
            file,
            dirname(file)
        );
        if (!cachedData || script.cachedDataRejected) {
            process.once('exit', () => {
                try {
                    mkdirSync(dirname(cacheFile), { recursive: true });
                    const partial = `${cacheFile}.${process.pid}`;
                    writeFileSync(partial, script.createCachedData());
                    renameSync(partial, cacheFile); // whole or not at all, with concurrent scans
                } catch {
                    // a read-only installation: no cache
                }
            });
        }
        return module.exports as T;
    } catch {
        return undefined;
    }
}
/**
 * A module's source text. The compiler's 9 MB are ASCII: read as Latin-1 they are one copy into a string, half the
 * time of decoding UTF-8 (the same string; any other byte and the file is decoded as UTF-8).
 */
function readSource(file: string): string {
    const bytes = readFileSync(file);
    return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/**
 * htmlparser2's Parser, from dist/htmlparser2.cjs (built by build.js: one file, where the package is fifteen ES
 * modules and took 40 ms to load); the package itself if that file is missing. The same path from src/ and dist/.
 */
export const loadHtmlparser2 = (() => {
    let value: Pick<typeof Htmlparser2, 'Parser'> | undefined;
    return (): Pick<typeof Htmlparser2, 'Parser'> => {
        if (value === undefined) {
            try {
                value = require(fileURLToPath(new URL('../dist/htmlparser2.cjs', import.meta.url))) as typeof value;
            } catch {
                value = require('htmlparser2') as typeof Htmlparser2;
            }
            loaded.add('htmlparser2');
        }
        return value!;
    };
})();

/**
 * oxc's parser (a native binding, about 20 ms to load against the compiler's 65 from its cache), or undefined where
 * no binding is installed for the platform, or when `SWITCHBOARD_PARSER=typescript` asks for the compiler alone (to
 * compare, or to rule the fast parser out): the analysis then parses with the compiler.
 */
export const loadOxcParser = (() => {
    let value: typeof Oxc | undefined | null = null;
    return (): typeof Oxc | undefined => {
        if (process.env.SWITCHBOARD_PARSER === 'typescript') return undefined;
        if (value === null) {
            try {
                value = require('oxc-parser') as typeof Oxc;
                loaded.add('oxc-parser');
            } catch {
                value = undefined;
            }
        }
        return value;
    };
})();
export const loadFflate = lazy<typeof Fflate>('fflate');
/** Only a command line with a typo needs it ("did you mean --format?"). */
export const loadLevenshtein = lazy<typeof FastestLevenshtein>('fastest-levenshtein');
/** `ignore`'s CommonJS export is the factory itself. */
export const loadIgnore = lazy<typeof Ignore>('ignore');

/** Which of these libraries the process has loaded so far (tests check that start-up loads none of the parsers). */
export function loadedLibraries(): string[] {
    return [...loaded].sort();
}
