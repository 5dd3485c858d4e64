// Open CTI calls in code no JavaScript parser reads (ClojureScript, CoffeeScript, Dart...): found by text, with
// lower confidence. Line comments of the language are blanked first; strings are not understood, aliases and
// argument shapes are not followed. Each such file is listed under parse fallbacks with reason `other-language`.
import type { Detection } from './detections.js';
import { isConstantPath } from './javascript.js';

const IDENT = '[A-Za-z_$][\\w$]*';
/**
 * `sforce.opencti.saveLog`, `window.sforce.interaction.cti.x`, ClojureScript's `js/sforce.opencti.saveLog`,
 * Scala.js's `js.Dynamic.global.sforce.opencti.saveLog`.
 */
const CHAIN = new RegExp(
    `(?:(?<![\\w$.])|(?<=js\\.Dynamic\\.global\\.))(?:js/|window\\s*\\.\\s*|globalThis\\s*\\.\\s*)?sforce((?:\\s*\\.\\s*${IDENT})+)`,
    'g'
);
/** ClojureScript's method-first interop: `(.saveLog js/sforce.opencti ...)`. */
const CLJS_METHOD_FIRST = new RegExp(`\\(\\s*\\.(${IDENT})\\s+js/sforce((?:\\.${IDENT})+)`, 'g');

/** Replaces line comments (`;`, `#` or `//` to the end of the line) with spaces, keeping every offset. */
function blankComments(text: string, lineComment: string): string {
    const marker = lineComment.replace(/[/]/g, '\\/');
    return text.replace(new RegExp(`${marker}[^\\n]*`, 'g'), (m) => ' '.repeat(m.length));
}

/** Detections in a file of another language; `lineComment` is its line-comment marker. */
export function textScan(text: string, lineComment: string): Detection[] {
    const code = blankComments(text, lineComment);
    const detections: Detection[] = [];
    const add = (path: string[], start: number, end: number): void => {
        if (path.length < 3 || !['opencti', 'interaction', 'console'].includes(path[1] ?? '')) return;
        const kind = isConstantPath(path) ? 'reference' : 'call';
        detections.push({
            kind,
            path,
            traits: kind === 'call' ? ['token-scan'] : ['token-scan', 'reference'],
            start,
            end
        });
    };
    for (const m of code.matchAll(CHAIN)) {
        add(
            [
                'sforce',
                ...m[1]!
                    .split('.')
                    .map((s) => s.trim())
                    .filter(Boolean)
            ],
            m.index,
            m.index + m[0].length
        );
    }
    for (const m of code.matchAll(CLJS_METHOD_FIRST)) {
        add(['sforce', ...m[2]!.split('.').filter(Boolean), m[1]!], m.index, m.index + m[0].length);
    }
    return detections.sort((a, b) => a.start - b.start);
}
