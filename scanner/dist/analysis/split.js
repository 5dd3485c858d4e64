// Generated from scanner/src/analysis/split.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Cuts a large script into pieces of whole top-level statements, analysed one after the other like the scripts of
// one page: the syntax tree of a 3 MB bundle took 260 MB at once, a piece's tree is a tenth of that and dies with
// it. A script's top-level names are globals, which the registry carries from piece to piece (a piece that uses a
// wrapper of another is analysed again in the next round, as a file using another file's wrapper is). A module's
// names are not globals, so modules are never cut.
//
// The cuts come from a character scan, not the compiler's tokenizer (which took longer than parsing a piece): it
// skips strings, comments, template literals and regular expressions, and counts brackets. Where it could misread
// (a `/` after a `}`), the piece would not parse, and the caller then analyses the script whole.
import { C, isWordChar, stringStop, templateTextStop } from './char-scan.js';
/** Words after which a `/` starts a regular expression rather than dividing. */
const BEFORE_REGEX = new Set([
    'return',
    'typeof',
    'instanceof',
    'in',
    'of',
    'new',
    'delete',
    'void',
    'throw',
    'case',
    'do',
    'else',
    'yield',
    'await'
]);
/**
 * Offsets where a script can be cut into pieces of about `size` characters, each ending with a whole top-level
 * statement: after a `;` at depth 0, or after a `}` at depth 0 followed by the word `function` (two declarations,
 * which no other reading allows). Undefined when the text should stay whole: a module (`import`, `export`,
 * `module.exports`), brackets that do not balance, an unterminated string or comment, or no place to cut.
 */
export function topLevelCuts(text, size) {
    if (text.length <= size)
        return undefined;
    if (/\bmodule\.exports\b|\bexports\.\w|(^|[^.\w$])(import|export)\b/.test(text))
        return undefined;
    const n = text.length;
    const cuts = [];
    // Brace depth at each open template literal's `${`, to know when a `}` resumes the template.
    const templates = [];
    let depth = 0;
    let next = size;
    /** Whether the last significant token ends a value (then `/` divides) or not (then it starts a regex). */
    let last = 'operator';
    let afterDot = false;
    let i = 0;
    const skipString = (quote) => {
        i = stringStop(text, i, n, quote);
        return i < n && text.charCodeAt(i) === quote;
    };
    /** Skips template text up to the closing backtick (true) or a `${` (false, with `i` after it). */
    const skipTemplate = () => {
        i = templateTextStop(text, i, n);
        return i < n ? text.charCodeAt(i) === C.Backtick : undefined;
    };
    /** Reads template text after a backtick or a `}`; false when it never ends. */
    const templateText = () => {
        i++;
        const closed = skipTemplate();
        if (closed === undefined)
            return false;
        if (closed) {
            last = 'value';
        }
        else {
            depth++;
            templates.push(depth);
            last = 'operator';
        }
        return true;
    };
    for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === C.Space || c === C.Tab || c === C.LineFeed || c === C.CarriageReturn)
            continue;
        if (isWordChar(c)) {
            const start = i;
            while (i + 1 < n && isWordChar(text.charCodeAt(i + 1)))
                i++;
            // `x.return / 2`: after a dot, a word is a property name.
            last = !afterDot && BEFORE_REGEX.has(text.slice(start, i + 1)) ? 'operator' : 'value';
            afterDot = false;
            continue;
        }
        afterDot = c === C.Dot;
        switch (c) {
            case C.DoubleQuote:
            case C.SingleQuote:
                if (!skipString(c))
                    return undefined;
                last = 'value';
                continue;
            case C.Backtick:
                if (!templateText())
                    return undefined;
                continue;
            case C.Slash: {
                const d = text.charCodeAt(i + 1);
                if (d === C.Slash) {
                    const end = text.indexOf('\n', i);
                    i = end < 0 ? n : end;
                    continue;
                }
                if (d === C.Asterisk) {
                    const end = text.indexOf('*/', i + 2);
                    if (end < 0)
                        return undefined;
                    i = end + 1;
                    continue;
                }
                if (last === 'value') {
                    last = 'operator';
                    continue;
                }
                // A regular expression: up to the unescaped `/` outside a character class.
                let inClass = false;
                for (i++; i < n; i++) {
                    const r = text.charCodeAt(i);
                    if (r === C.Backslash)
                        i++;
                    else if (r === C.OpenBracket)
                        inClass = true;
                    else if (r === C.CloseBracket)
                        inClass = false;
                    else if (r === C.Slash && !inClass)
                        break;
                    else if (r === C.LineFeed)
                        return undefined;
                }
                last = 'value';
                continue;
            }
            case C.OpenBrace:
            case C.OpenParen:
            case C.OpenBracket:
                depth++;
                last = 'operator';
                continue;
            case C.CloseParen:
            case C.CloseBracket:
                depth--;
                if (depth < 0)
                    return undefined;
                last = 'value';
                continue;
            case C.CloseBrace: {
                if (templates.length > 0 && templates[templates.length - 1] === depth) {
                    // The `}` of a `${...}`: the template's text resumes.
                    templates.pop();
                    depth--;
                    if (!templateText())
                        return undefined;
                    continue;
                }
                depth--;
                if (depth < 0)
                    return undefined;
                last = 'value';
                if (depth === 0 && i + 1 >= next && /^\s*function\b/.test(text.slice(i + 1, i + 40))) {
                    cuts.push(i + 1);
                    next = i + 1 + size;
                }
                continue;
            }
            case C.Semicolon:
                last = 'operator';
                if (depth === 0 && i + 1 >= next) {
                    cuts.push(i + 1);
                    next = i + 1 + size;
                }
                continue;
            default:
                last = 'operator';
                continue;
        }
    }
    if (depth !== 0 || templates.length > 0 || cuts.length === 0)
        return undefined;
    return cuts.filter((cut) => cut < n);
}
