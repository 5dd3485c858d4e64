// Libraries loaded on first use, not at start-up: the TypeScript compiler is about 9 MB of JavaScript and
// htmlparser2 pulls in large entity tables, so a scan that has nothing to parse (or `--help`) never pays for them.
// `require` keeps the scan synchronous; htmlparser2 is an ES module, which Node >= 20.19 (the engines field)
// loads through require(); `ignore` is CommonJS, and requiring it skips the ESM loader's CommonJS lexer.
import { createRequire } from 'node:module';
import type * as Fflate from 'fflate';
import type * as Htmlparser2 from 'htmlparser2';
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

export const loadTypeScript = lazy<typeof TS>('typescript');
export const loadHtmlparser2 = lazy<typeof Htmlparser2>('htmlparser2');
export const loadFflate = lazy<typeof Fflate>('fflate');
/** `ignore`'s CommonJS export is the factory itself. */
export const loadIgnore = lazy<typeof Ignore>('ignore');

/** Which of these libraries the process has loaded so far (tests check that start-up loads none of the parsers). */
export function loadedLibraries(): string[] {
    return [...loaded].sort();
}
