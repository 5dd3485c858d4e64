// Generated from scanner/src/lazy.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Libraries loaded on first use, not at start-up: the TypeScript compiler is about 9 MB of JavaScript and
// htmlparser2 pulls in large entity tables, so a scan that has nothing to parse (or `--help`) never pays for them.
// `require` keeps the scan synchronous; htmlparser2 is an ES module, which Node >= 20.19 (the engines field)
// loads through require(); `ignore` is CommonJS, and requiring it skips the ESM loader's CommonJS lexer.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const loaded = new Set();
function lazy(id) {
    let value;
    return () => {
        if (value === undefined) {
            value = require(id);
            loaded.add(id);
        }
        return value;
    };
}
export const loadTypeScript = lazy('typescript');
export const loadHtmlparser2 = lazy('htmlparser2');
export const loadFflate = lazy('fflate');
/** `ignore`'s CommonJS export is the factory itself. */
export const loadIgnore = lazy('ignore');
/** Which of these libraries the process has loaded so far (tests check that start-up loads none of the parsers). */
export function loadedLibraries() {
    return [...loaded].sort();
}
