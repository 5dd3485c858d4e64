// Generated from scanner/src/analysis/mask.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Blanks the statements of a script that cannot matter, so the parser reads only the ones that can (issue 16,
// item 9: grep-like speed on large trees and bundles). Most of an adapter file is code with no Open CTI word; its
// syntax tree was most of a scan's time. The analysis of what is left is the analysis of the whole file restricted
// to the statements connected to a word:
//
// - a statement is a seed when its text matches the round's filter (an Open CTI or web-platform word, or a name
//   another file exports);
// - a kept statement keeps every statement that declares a name it uses, and every statement that uses a name it
//   declares (names declared at the top level: `var`/`let`/`const`, functions, classes, imports, `x = ...` and
//   `a.x = ...`), until nothing changes.
//
// Blanked statements become spaces (line breaks stay), so every offset, line and column is the file's own. A bundle
// that is one wrapped function (an IIFE, a UMD factory) is masked inside the function's body, where its statements
// are. The statements come from a character scan like split.ts's; where it could misread, it only ever joins two
// statements (never splits one), and a masked text that does not parse is analysed whole by the caller.
//
// What it gives up: a name declared by `var` inside a block of the top level (`if (x) { var cti = ... }`) is not seen
// as declared; in a script, later rounds still find its uses by the name (top-level names are globals), and in a
// module such a use is missed.
import { C, isWordChar, stringStop, templateTextStop } from './char-scan.js';
/** Characters before `=` that make it part of another operator (`==`, `<=`, `+=`...), not an assignment. */
const ASSIGNMENT_PREFIXES = [
    C.Equals,
    C.Bang,
    C.LessThan,
    C.GreaterThan,
    C.Plus,
    C.Minus,
    C.Asterisk,
    C.Slash,
    C.Percent,
    C.Ampersand,
    C.Bar,
    C.Caret,
    C.Question
];
/** Words after which a `/` starts a regular expression, and after which a line break never ends a statement. */
const OPERATOR_WORDS = new Set([
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
    'await',
    // Not operators, but a line break after them never ends a statement worth splitting (joining is always safe).
    'var',
    'let',
    'const',
    'function',
    'class',
    'async',
    'export',
    'import',
    'default',
    'extends',
    'static',
    'get',
    'set',
    'enum',
    'interface',
    'type',
    'namespace',
    'module',
    'declare',
    'abstract',
    'readonly',
    'public',
    'private',
    'protected',
    'from',
    'as'
]);
/** Words that continue the statement before them when they start a line. */
const CONTINUING_WORDS = new Set([
    'else',
    'catch',
    'finally',
    'while',
    'in',
    'of',
    'instanceof',
    'as',
    'satisfies',
    'extends',
    'implements',
    'from'
]);
/** Words of a declaration that are not the names it declares. */
const NOT_NAMES = new Set(['var', 'let', 'const', 'import', 'as', 'from', 'type', 'typeof']);
/** Words that lead a declaration, and are skipped before its kind. */
const MODIFIERS = new Set(['export', 'default', 'declare', 'async', 'abstract']);
const NAMED_DECLARATIONS = new Set(['function', 'class', 'enum', 'interface', 'type', 'namespace', 'module']);
const isDigit = (c) => c >= C.Digit0 && c <= C.Digit9;
/**
 * The statements of `text` between `from` and `to` (a script, or a function's body), with the words each uses and
 * the names it declares. Undefined when the text cannot be read safely: brackets that do not balance, an
 * unterminated string, comment or template.
 */
export function scanStatements(text, from, to, collect = true) {
    const statements = [];
    const words = collect ? { ids: new Map(), occurrences: [], declared: new Set() } : undefined;
    const id = (w) => {
        let n = words.ids.get(w);
        if (n === undefined) {
            n = words.ids.size;
            words.ids.set(w, n);
        }
        return n;
    };
    const declare = (w) => {
        if (words)
            words.declared.add(id(w));
    };
    const templates = [];
    /** Open braces: their offset, and whether they open a function body. */
    const braces = [];
    let body;
    let depth = 0;
    let last = 'operator';
    let lastChar = 0;
    let afterDot = false;
    let lineBreak = false;
    /** The statement being read. */
    let current;
    /** Declaration reading state for `current`. */
    let head = 0; // words seen at depth 0
    let kind = 'other';
    let binding = false;
    let expectName = false;
    let lastWord;
    let lastWordEnd = -1;
    /** Set after a `}` back at depth 0: a word next starts a new statement. */
    let afterBlock = false;
    let end = from;
    let i = from;
    const close = () => {
        if (current) {
            current.end = end;
            current.wordsTo = words ? words.occurrences.length : 0;
            statements.push(current);
            current = undefined;
        }
    };
    const open = (at) => {
        const first = words ? words.occurrences.length : 0;
        current = { start: at, end: at, wordsFrom: first, wordsTo: first, moduleSyntax: false };
        head = 0;
        kind = 'other';
        binding = false;
        expectName = false;
        lastWord = undefined;
        afterBlock = false;
        return current;
    };
    const skipString = (quote) => {
        i = stringStop(text, i, to, quote);
        return i < to && text.charCodeAt(i) === quote;
    };
    const skipTemplate = () => {
        i = templateTextStop(text, i, to);
        return i < to ? text.charCodeAt(i) === C.Backtick : undefined;
    };
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
            braces.push({ at: i, body: false });
            last = 'operator';
        }
        return true;
    };
    for (; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c === C.Space || c === C.Tab || c === C.CarriageReturn)
            continue;
        if (c === C.LineFeed) {
            if (depth === 0 && current)
                lineBreak = true;
            continue;
        }
        // Comments are not tokens: they neither end nor start a statement.
        if (c === C.Slash) {
            const d = text.charCodeAt(i + 1);
            if (d === C.Slash) {
                const eol = text.indexOf('\n', i);
                i = (eol < 0 || eol > to ? to : eol) - 1;
                continue;
            }
            if (d === C.Asterisk) {
                const close = text.indexOf('*/', i + 2);
                if (close < 0 || close + 2 > to)
                    return undefined;
                const comment = text.slice(i, close);
                if (depth === 0 && current && comment.includes('\n'))
                    lineBreak = true;
                i = close + 1;
                continue;
            }
        }
        const word = isWordChar(c) && !isDigit(c);
        // Where a statement ends without a `;`: a line break (or a block's `}`) before a word that cannot continue
        // the statement, after a token that can end one. Joining two statements is always safe; splitting one is not.
        if (depth === 0 && current && word && (lineBreak || afterBlock)) {
            let j = i;
            while (j < to && isWordChar(text.charCodeAt(j)))
                j++;
            const next = text.slice(i, j);
            if (!CONTINUING_WORDS.has(next) && (afterBlock || (last === 'value' && lastChar !== C.Dot))) {
                end = endBefore(text, i);
                close();
            }
        }
        lineBreak = false;
        afterBlock = false;
        if (depth === 0 && !current)
            open(i);
        const s = current;
        if (isWordChar(c)) {
            const start = i;
            while (i + 1 < to && isWordChar(text.charCodeAt(i + 1)))
                i++;
            const w = text.slice(start, i + 1);
            if (isDigit(c)) {
                last = 'value';
                lastChar = c;
                afterDot = false;
                continue;
            }
            if (words)
                words.occurrences.push(id(w));
            if (depth === 0 && !afterDot) {
                if (head === 0 && (w === 'import' || w === 'export')) {
                    const after = text.charCodeAt(nextSignificant(text, i + 1, to));
                    if (w === 'export' || (after !== C.OpenParen && after !== C.Dot))
                        s.moduleSyntax = true;
                }
                if (kind === 'other' && head === 0 && (w === 'module' || w === 'exports')) {
                    if (/^(module\.exports|exports\.)/.test(text.slice(start, start + 15)))
                        s.moduleSyntax = true;
                }
                // Declarations are looked for anywhere at depth 0, not only at the head: a statement joined to the
                // one before it (a line break the scan did not take as an end) still declares its names.
                if (expectName) {
                    if (w !== 'function' && !MODIFIERS.has(w)) {
                        declare(w);
                        expectName = false;
                    }
                }
                else if (w === 'var' || w === 'let' || w === 'const') {
                    kind = 'binding';
                    binding = true;
                }
                else if (w === 'function' || w === 'class') {
                    if (kind === 'other')
                        kind = 'named';
                    expectName = true;
                }
                else if (kind === 'other' && (head === 0 || MODIFIERS.has(lastWord ?? ''))) {
                    if (NAMED_DECLARATIONS.has(w)) {
                        kind = 'named';
                        expectName = true;
                    }
                    else if (w === 'import') {
                        kind = 'import';
                    }
                    else if (!MODIFIERS.has(w)) {
                        kind = 'expression';
                    }
                }
                head++;
            }
            if ((kind === 'binding' && binding) || kind === 'import') {
                if (!NOT_NAMES.has(w))
                    declare(w);
            }
            lastWord = w;
            lastWordEnd = i + 1;
            last = !afterDot && OPERATOR_WORDS.has(w) ? 'operator' : 'value';
            lastChar = c;
            afterDot = false;
            continue;
        }
        afterDot = c === C.Dot;
        // `function (` and `class {` name nothing.
        if (c !== C.Asterisk)
            expectName = false;
        const previous = lastChar;
        lastChar = c;
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
                if (last === 'value') {
                    last = 'operator';
                    continue;
                }
                let inClass = false;
                for (i++; i < to; i++) {
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
                braces.push({ at: i, body: previous === C.CloseParen || isArrow(text, i) });
                depth++;
                last = 'operator';
                continue;
            case C.OpenParen:
            case C.OpenBracket:
                braces.push({ at: i, body: false });
                depth++;
                last = 'operator';
                continue;
            case C.CloseParen:
            case C.CloseBracket:
                braces.pop();
                depth--;
                if (depth < 0)
                    return undefined;
                last = 'value';
                continue;
            case C.CloseBrace: {
                const brace = braces.pop();
                if (templates.length > 0 && templates[templates.length - 1] === depth) {
                    templates.pop();
                    depth--;
                    if (!templateText())
                        return undefined;
                    continue;
                }
                depth--;
                if (depth < 0)
                    return undefined;
                if (brace?.body && (!body || i - brace.at > body.close - body.open))
                    body = { open: brace.at, close: i };
                last = 'value';
                if (depth === 0)
                    afterBlock = true;
                continue;
            }
            case C.Semicolon:
                last = 'operator';
                if (depth === 0) {
                    end = i + 1;
                    close();
                }
                continue;
            case C.Equals: {
                last = 'operator';
                if (depth !== 0)
                    continue;
                const next = text.charCodeAt(i + 1);
                const assignment = next !== C.Equals &&
                    next !== C.GreaterThan &&
                    !ASSIGNMENT_PREFIXES.includes(text.charCodeAt(i - 1));
                if (!assignment) {
                    if (next === C.Equals || next === C.GreaterThan)
                        i++;
                    continue;
                }
                if (kind === 'binding')
                    binding = false;
                else if (kind === 'expression' && lastWord && lastWordEnd === i - countSpaces(text, i)) {
                    declare(lastWord);
                }
                continue;
            }
            case C.Comma:
                last = 'operator';
                if (depth === 0 && kind === 'binding')
                    binding = true;
                continue;
            default:
                // `a++` and `a--` end a value (a line break after them ends the statement); `++a` does not.
                if ((c === C.Plus || c === C.Minus) && text.charCodeAt(i + 1) === c) {
                    i++;
                    lastChar = c;
                    if (last !== 'value')
                        last = 'operator';
                    continue;
                }
                last = 'operator';
                continue;
        }
    }
    if (depth !== 0 || templates.length > 0)
        return undefined;
    // The last statement ends with its last significant character (a trailing comment included).
    if (current)
        end = endBefore(text, to);
    close();
    return { statements, ...(words ? { words } : {}), ...(body ? { body } : {}) };
}
/** The offset after the last character before `at` that is not white space. */
function endBefore(text, at) {
    let e = at;
    while (e > 0 && /\s/.test(text[e - 1]))
        e--;
    return e;
}
function isArrow(text, at) {
    let j = at - 1;
    while (j > 0 && /\s/.test(text[j]))
        j--;
    return text[j] === '>' && text[j - 1] === '=';
}
function countSpaces(text, at) {
    let n = 0;
    while (at - n - 1 >= 0 && /[ \t]/.test(text[at - n - 1]))
        n++;
    return n;
}
function nextSignificant(text, from, to) {
    let j = from;
    while (j < to && /\s/.test(text[j]))
        j++;
    return j;
}
/**
 * `text` with the statements unconnected to a `seed` match blanked, or undefined when nothing would be blanked or
 * the text cannot be read safely (then the caller analyses it whole).
 */
export function maskUnconnected(text, seed) {
    // One wrapped function (an IIFE or UMD bundle) is masked inside its body, where its statements are. A large
    // text is scanned for its boundaries first (a bundle's words are then collected once, in the body).
    const large = text.length > 256 * 1024;
    const top = scanStatements(text, 0, text.length, !large);
    if (!top)
        return undefined;
    const module = top.statements.some((s) => s.moduleSyntax);
    const wrapped = top.body && top.body.close - top.body.open > text.length / 2 ? top.body : undefined;
    const scanned = wrapped
        ? scanStatements(text, wrapped.open + 1, wrapped.close)
        : large
            ? scanStatements(text, 0, text.length)
            : top;
    if (!scanned?.words)
        return undefined;
    const { statements, words } = scanned;
    if (statements.length < 2)
        return undefined;
    const kept = connected(text, statements, words, seed);
    const keptCount = kept.filter(Boolean).length;
    if (keptCount === statements.length)
        return undefined;
    // Runs of blanked statements, joined across the space and comments between them.
    const ranges = [];
    for (const [index, s] of statements.entries()) {
        if (kept[index])
            continue;
        const previous = ranges[ranges.length - 1];
        if (previous && index > 0 && !kept[index - 1])
            previous[1] = s.end;
        else
            ranges.push([s.start, s.end]);
    }
    // Kept text, piece by piece: where each starts in the masked text and in the original.
    const parts = [];
    const pieces = [];
    let at = 0;
    let length = 0;
    const push = (part) => {
        parts.push(part);
        length += part.length;
    };
    for (const [start, end] of ranges) {
        pieces.push({ masked: length, original: at });
        push(text.slice(at, start));
        // Parsing white space was most of the cost of a masked unit (the parser runs cold): keep line breaks only.
        const breaks = text.slice(start, end).split('\n').length - 1;
        push(breaks > 0 ? '\n'.repeat(breaks) : ' ');
        at = end;
    }
    pieces.push({ masked: length, original: at });
    push(text.slice(at));
    const toOriginal = (offset) => {
        let lo = 0;
        let hi = pieces.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (pieces[mid].masked <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        const piece = pieces[lo];
        return piece.original + (offset - piece.masked);
    };
    return { text: parts.join(''), toOriginal, module, kept: keptCount, blanked: ranges };
}
/** Which statements a seed reaches through the names they declare and use. */
function connected(text, statements, words, seed) {
    const { occurrences, declared } = words;
    const users = new Map();
    for (const [index, s] of statements.entries()) {
        for (let k = s.wordsFrom; k < s.wordsTo; k++) {
            const w = occurrences[k];
            if (!declared.has(w))
                continue;
            const list = users.get(w);
            if (!list)
                users.set(w, [index]);
            else if (list[list.length - 1] !== index)
                list.push(index);
        }
    }
    const kept = statements.map(() => false);
    const work = [];
    const keep = (index) => {
        if (kept[index])
            return;
        kept[index] = true;
        work.push(index);
    };
    for (const [index, s] of statements.entries()) {
        const source = text.slice(s.start, s.end);
        // Re-exports carry names from other modules that no statement here declares: always kept (they are short).
        if (seed.test(source) || (s.moduleSyntax && /\bfrom\s*['"]/.test(source)))
            keep(index);
    }
    const reached = new Set();
    while (work.length > 0) {
        const s = statements[work.pop()];
        for (let k = s.wordsFrom; k < s.wordsTo; k++) {
            const w = occurrences[k];
            if (!declared.has(w) || reached.has(w))
                continue;
            reached.add(w);
            for (const index of users.get(w) ?? [])
                keep(index);
        }
    }
    return kept;
}
