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

import { C, countLineFeeds, isSpace, isWordChar, stringStop, templateTextStop } from './char-scan.js';

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
] as const;

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

const isDigit = (c: number): boolean => c >= C.Digit0 && c <= C.Digit9;

interface Statement {
    start: number;
    end: number;
    /** `import ...`, `export ...`, or a CommonJS `module.exports =`/`exports.x =`: the unit is a module. */
    moduleSyntax: boolean;
}

/**
 * The names declared at the top level, by number. Which statements mention which names is found only for the names
 * the kept statements reach (see `connected`).
 */
interface Words {
    /** Each declared name's number. */
    ids: Map<string, number>;
    /** The numbers of the names some statement declares at the top level of its range. */
    declared: Set<number>;
}

interface ScanResult {
    statements: Statement[];
    /** Undefined when the scan was asked for boundaries only. */
    words?: Words;
    /** The function body (`{` ... `}` after `)` or `=>`) that spans the most text. */
    body?: { open: number; close: number };
}

/**
 * The statements of `text` between `from` and `to` (a script, or a function's body), with the words each uses and
 * the names it declares. Undefined when the text cannot be read safely: brackets that do not balance, an
 * unterminated string, comment or template.
 */
export function scanStatements(text: string, from: number, to: number, collect = true): ScanResult | undefined {
    const statements: Statement[] = [];
    const words: Words | undefined = collect ? { ids: new Map(), declared: new Set() } : undefined;
    const id = (w: string): number => {
        let n = words!.ids.get(w);
        if (n === undefined) {
            n = words!.ids.size;
            words!.ids.set(w, n);
        }
        return n;
    };
    const declare = (w: string): void => {
        if (words) words.declared.add(id(w));
    };
    const templates: number[] = [];
    /** Open braces: their offset, and whether they open a function body. */
    const braces: { at: number; body: boolean }[] = [];
    let body: ScanResult['body'];
    let depth = 0;
    let last: 'value' | 'operator' = 'operator';
    let lastChar = 0;
    let afterDot = false;
    let lineBreak = false;
    /** The statement being read. */
    let current: Statement | undefined;
    /** Declaration reading state for `current`. */
    let head = 0; // words seen at depth 0
    let kind: 'binding' | 'named' | 'import' | 'expression' | 'other' = 'other';
    let binding = false;
    let expectName = false;
    let lastWord: string | undefined;
    let lastWordEnd = -1;
    /** Set after a `}` back at depth 0: a word next starts a new statement. */
    let afterBlock = false;
    let end = from;
    let i = from;

    const close = (): void => {
        if (current) {
            current.end = end;
            statements.push(current);
            current = undefined;
        }
    };
    const open = (at: number): Statement => {
        current = { start: at, end: at, moduleSyntax: false };
        head = 0;
        kind = 'other';
        binding = false;
        expectName = false;
        lastWord = undefined;
        afterBlock = false;
        return current;
    };
    const skipString = (quote: number): boolean => {
        i = stringStop(text, i, to, quote);
        return i < to && text.charCodeAt(i) === quote;
    };
    const skipTemplate = (): boolean | undefined => {
        i = templateTextStop(text, i, to);
        return i < to ? text.charCodeAt(i) === C.Backtick : undefined;
    };
    const templateText = (): boolean => {
        i++;
        const closed = skipTemplate();
        if (closed === undefined) return false;
        if (closed) {
            last = 'value';
        } else {
            depth++;
            templates.push(depth);
            braces.push({ at: i, body: false });
            last = 'operator';
        }
        return true;
    };

    for (; i < to; i++) {
        if (depth > 0 && !((kind === 'binding' && binding) || kind === 'import')) {
            // Inside brackets only their nesting matters (the names used there are found afterwards, see
            // `connected`), unless they hold the names a declaration declares (`const { a, b } = ...`,
            // `import { a } from`): jump to the next bracket, quote, backtick or slash, natively.
            NESTED_STOP.lastIndex = i;
            if (!NESTED_STOP.test(text) || NESTED_STOP.lastIndex > to) {
                i = to;
                break;
            }
            i = NESTED_STOP.lastIndex - 1;
        }
        const c = text.charCodeAt(i);
        if (c === C.Space || c === C.Tab || c === C.CarriageReturn) continue;
        if (c === C.LineFeed) {
            if (depth === 0 && current) lineBreak = true;
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
                if (close < 0 || close + 2 > to) return undefined;
                const comment = text.slice(i, close);
                if (depth === 0 && current && comment.includes('\n')) lineBreak = true;
                i = close + 1;
                continue;
            }
        }
        const word = isWordChar(c) && !isDigit(c);
        // Where a statement ends without a `;`: a line break (or a block's `}`) before a word that cannot continue
        // the statement, after a token that can end one. Joining two statements is always safe; splitting one is not.
        if (depth === 0 && current && word && (lineBreak || afterBlock)) {
            let j = i;
            while (j < to && isWordChar(text.charCodeAt(j))) j++;
            const next = text.slice(i, j);
            if (!CONTINUING_WORDS.has(next) && (afterBlock || (last === 'value' && lastChar !== C.Dot))) {
                end = endBefore(text, i);
                close();
            }
        }
        lineBreak = false;
        afterBlock = false;
        if (depth === 0 && !current) open(i);
        const s = current!;
        if (isWordChar(c)) {
            const start = i;
            while (i + 1 < to && isWordChar(text.charCodeAt(i + 1))) i++;
            const w = text.slice(start, i + 1);
            if (isDigit(c)) {
                last = 'value';
                lastChar = c;
                afterDot = false;
                continue;
            }
            if (depth === 0 && !afterDot) {
                if (head === 0 && (w === 'import' || w === 'export')) {
                    const after = text.charCodeAt(nextSignificant(text, i + 1, to));
                    if (w === 'export' || (after !== C.OpenParen && after !== C.Dot)) s.moduleSyntax = true;
                }
                if (kind === 'other' && head === 0 && (w === 'module' || w === 'exports')) {
                    if (/^(module\.exports|exports\.)/.test(text.slice(start, start + 15))) s.moduleSyntax = true;
                }
                // Declarations are looked for anywhere at depth 0, not only at the head: a statement joined to the
                // one before it (a line break the scan did not take as an end) still declares its names.
                if (expectName) {
                    if (w !== 'function' && !MODIFIERS.has(w)) {
                        declare(w);
                        expectName = false;
                    }
                } else if (w === 'var' || w === 'let' || w === 'const') {
                    kind = 'binding';
                    binding = true;
                } else if (w === 'function' || w === 'class') {
                    if (kind === 'other') kind = 'named';
                    expectName = true;
                } else if (kind === 'other' && (head === 0 || MODIFIERS.has(lastWord ?? ''))) {
                    if (NAMED_DECLARATIONS.has(w)) {
                        kind = 'named';
                        expectName = true;
                    } else if (w === 'import') {
                        kind = 'import';
                    } else if (!MODIFIERS.has(w)) {
                        kind = 'expression';
                    }
                }
                head++;
            }
            if ((kind === 'binding' && binding) || kind === 'import') {
                if (!NOT_NAMES.has(w)) declare(w);
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
        if (c !== C.Asterisk) expectName = false;
        // Inside brackets the tokens before this one were skipped: what came before is read backwards.
        const previous = depth > 0 ? significantBefore(text, i) : lastChar;
        if (depth > 0 && c === C.Slash) last = valueBefore(text, i) ? 'value' : 'operator';
        lastChar = c;
        switch (c) {
            case C.DoubleQuote:
            case C.SingleQuote:
                if (!skipString(c)) return undefined;
                last = 'value';
                continue;
            case C.Backtick:
                if (!templateText()) return undefined;
                continue;
            case C.Slash: {
                if (last === 'value') {
                    last = 'operator';
                    continue;
                }
                let inClass = false;
                for (i++; i < to; i++) {
                    const r = text.charCodeAt(i);
                    if (r === C.Backslash) i++;
                    else if (r === C.OpenBracket) inClass = true;
                    else if (r === C.CloseBracket) inClass = false;
                    else if (r === C.Slash && !inClass) break;
                    else if (r === C.LineFeed) return undefined;
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
                if (depth < 0) return undefined;
                last = 'value';
                continue;
            case C.CloseBrace: {
                const brace = braces.pop();
                if (templates.length > 0 && templates[templates.length - 1] === depth) {
                    templates.pop();
                    depth--;
                    if (!templateText()) return undefined;
                    continue;
                }
                depth--;
                if (depth < 0) return undefined;
                if (brace?.body && (!body || i - brace.at > body.close - body.open))
                    body = { open: brace.at, close: i };
                last = 'value';
                if (depth === 0) afterBlock = true;
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
                if (depth !== 0) continue;
                const next = text.charCodeAt(i + 1);
                const assignment =
                    next !== C.Equals &&
                    next !== C.GreaterThan &&
                    !(ASSIGNMENT_PREFIXES as readonly number[]).includes(text.charCodeAt(i - 1));
                if (!assignment) {
                    if (next === C.Equals || next === C.GreaterThan) i++;
                    continue;
                }
                if (kind === 'binding') binding = false;
                else if (kind === 'expression' && lastWord && lastWordEnd === i - countSpaces(text, i)) {
                    declare(lastWord);
                }
                continue;
            }
            case C.Comma:
                last = 'operator';
                if (depth === 0 && kind === 'binding') binding = true;
                continue;
            default:
                // `a++` and `a--` end a value (a line break after them ends the statement); `++a` does not.
                if ((c === C.Plus || c === C.Minus) && text.charCodeAt(i + 1) === c) {
                    i++;
                    lastChar = c;
                    if (last !== 'value') last = 'operator';
                    continue;
                }
                last = 'operator';
                continue;
        }
    }
    if (depth !== 0 || templates.length > 0) return undefined;
    // The last statement ends with its last significant character (a trailing comment included).
    if (current) end = endBefore(text, to);
    close();
    return { statements, ...(words ? { words } : {}), ...(body ? { body } : {}) };
}

/** What stops the jump through bracketed code: brackets, quotes, backticks and slashes (comments, regexes). */
const NESTED_STOP = /["'`/{}()[\]]/g;

/** The last character before `at` that is not white space (0 at the start). */
function significantBefore(text: string, at: number): number {
    let j = at - 1;
    while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
    return j < 0 ? 0 : text.charCodeAt(j);
}

/**
 * Whether the token before a `/` at `at` ends a value (then the slash divides) or not (then it starts a regular
 * expression), read backwards: white space, block comments and a line comment on the line before are skipped.
 */
function valueBefore(text: string, at: number): boolean {
    let j = at - 1;
    for (;;) {
        while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
        if (j < 0) return false;
        if (text.charCodeAt(j) === C.Slash && text.charCodeAt(j - 1) === C.Asterisk) {
            const open = text.lastIndexOf('/*', j - 2);
            if (open < 0) return false;
            j = open - 1;
            continue;
        }
        // The line this token ends may be a line comment's text: then what decides is the code before it.
        const lineStart = text.lastIndexOf('\n', j) + 1;
        const comment = text.indexOf('//', lineStart);
        if (comment >= 0 && comment < j && lineStart < at && text.lastIndexOf('\n', at - 1) >= lineStart) {
            j = comment - 1;
            continue;
        }
        break;
    }
    const c = text.charCodeAt(j);
    if (
        c === C.CloseParen ||
        c === C.CloseBracket ||
        c === C.CloseBrace ||
        c === C.DoubleQuote ||
        c === C.SingleQuote ||
        c === C.Backtick
    ) {
        return true;
    }
    // `a++ / b`: a postfix operator ends a value.
    if ((c === C.Plus || c === C.Minus) && text.charCodeAt(j - 1) === c) return valueBefore(text, j - 1);
    if (!isWordChar(c)) return false;
    let k = j;
    while (k > 0 && isWordChar(text.charCodeAt(k - 1))) k--;
    // A property named like an operator (`a.return / 2`) is a value.
    return !OPERATOR_WORDS.has(text.slice(k, j + 1)) || significantBefore(text, k) === C.Dot;
}

/** The offset after the last character before `at` that is not white space. */
function endBefore(text: string, at: number): number {
    let e = at;
    while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
    return e;
}

function isArrow(text: string, at: number): boolean {
    let j = at - 1;
    while (j > 0 && isSpace(text.charCodeAt(j))) j--;
    return text.charCodeAt(j) === C.GreaterThan && text.charCodeAt(j - 1) === C.Equals;
}

function countSpaces(text: string, at: number): number {
    let n = 0;
    for (let c = text.charCodeAt(at - 1); at - n - 1 >= 0 && (c === C.Space || c === C.Tab);) {
        n++;
        c = text.charCodeAt(at - n - 1);
    }
    return n;
}

function nextSignificant(text: string, from: number, to: number): number {
    let j = from;
    while (j < to && isSpace(text.charCodeAt(j))) j++;
    return j;
}

export interface Masked {
    /**
     * The text with the statements unconnected to a seed taken out: each run of them is replaced by its line breaks
     * (one space if it has none), so lines stay the file's own; offsets are mapped back by `toOriginal`.
     */
    text: string;
    /** The offset in the unmasked text of an offset in `text`. */
    toOriginal: (offset: number) => number;
    /** Whether the unmasked text is a module (imports, exports, CommonJS exports): masking must not change that. */
    module: boolean;
    /** How many statements were kept. */
    kept: number;
    /** The blanked text, as [start, end) ranges in order, adjacent statements joined. */
    blanked: [number, number][];
}

/**
 * `text` with the statements unconnected to a `seed` match blanked, or undefined when nothing would be blanked or
 * the text cannot be read safely (then the caller analyses it whole).
 */
export function maskUnconnected(text: string, seed: RegExp): Masked | undefined {
    // One wrapped function (an IIFE or UMD bundle) is masked inside its body, where its statements are. A large
    // text is scanned for its boundaries first (a bundle's words are then collected once, in the body).
    const large = text.length > 256 * 1024;
    const top = scanStatements(text, 0, text.length, !large);
    if (!top) return undefined;
    const module = top.statements.some((s) => s.moduleSyntax);
    const wrapped = top.body && top.body.close - top.body.open > text.length / 2 ? top.body : undefined;
    const scanned = wrapped
        ? scanStatements(text, wrapped.open + 1, wrapped.close)
        : large
          ? scanStatements(text, 0, text.length)
          : top;
    if (!scanned?.words) return undefined;
    const { statements, words } = scanned;
    if (statements.length < 2) return undefined;
    const kept = connected(text, statements, words, seed);
    const keptCount = kept.filter(Boolean).length;
    if (keptCount === statements.length) return undefined;
    // Runs of blanked statements, joined across the space and comments between them.
    const ranges: [number, number][] = [];
    for (const [index, s] of statements.entries()) {
        if (kept[index]) continue;
        const previous = ranges[ranges.length - 1];
        if (previous && index > 0 && !kept[index - 1]) previous[1] = s.end;
        else ranges.push([s.start, s.end]);
    }
    // Kept text, piece by piece: where each starts in the masked text and in the original.
    const parts: string[] = [];
    const pieces: { masked: number; original: number }[] = [];
    let at = 0;
    let length = 0;
    const push = (part: string): void => {
        parts.push(part);
        length += part.length;
    };
    for (const [start, end] of ranges) {
        pieces.push({ masked: length, original: at });
        push(text.slice(at, start));
        // Parsing white space was most of the cost of a masked unit (the parser runs cold): keep line breaks only.
        const breaks = countLineFeeds(text, start, end);
        push(breaks > 0 ? '\n'.repeat(breaks) : ' ');
        at = end;
    }
    pieces.push({ masked: length, original: at });
    push(text.slice(at));
    const toOriginal = (offset: number): number => {
        let lo = 0;
        let hi = pieces.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (pieces[mid]!.masked <= offset) lo = mid;
            else hi = mid - 1;
        }
        const piece = pieces[lo]!;
        return piece.original + (offset - piece.masked);
    };
    return { text: parts.join(''), toOriginal, module, kept: keptCount, blanked: ranges };
}

const globalSeeds = new WeakMap<RegExp, RegExp>();

/** `seed` with the `g` flag, to find its every match in a text (one per seed: a scan round builds its own). */
function seedMatches(seed: RegExp): RegExp {
    let g = globalSeeds.get(seed);
    if (!g) {
        g = new RegExp(seed.source, seed.flags.includes('g') ? seed.flags : `${seed.flags}g`);
        globalSeeds.set(seed, g);
    }
    return g;
}

/** A word, as the scan reads one: letters, digits, `_`, `$` and any non-ASCII character, not after another such. */
const WORD = /(?<![\w$\u0080-\uffff])[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/g;

/** Past this many names reached in a large text, the statements mentioning each are found in one pass, not per name. */
const NAMES_SEARCHED_ONE_BY_ONE = 32;

/**
 * Which statements a seed reaches through the names they declare and mention. A name counts wherever it stands as a
 * word, in code, strings or comments alike: a mention too many keeps a statement too many, never one too few. The
 * statements mentioning a name are looked for only once a kept statement mentions it, by a native search for the
 * name (most names are never reached); past a few dozen names in a large text, by one pass over all its words.
 */
function connected(text: string, statements: readonly Statement[], words: Words, seed: RegExp): boolean[] {
    const { ids } = words;
    const kept = statements.map(() => false);
    const work: number[] = [];
    const keep = (index: number): void => {
        if (kept[index]) return;
        kept[index] = true;
        work.push(index);
    };
    // Seeds: the statements a match of `seed` lies in, found by one pass over the text (statements are sorted).
    const matches = seedMatches(seed);
    matches.lastIndex = 0;
    let index = 0;
    for (let m = matches.exec(text); m && index < statements.length; m = matches.exec(text)) {
        if (m[0].length === 0) matches.lastIndex++;
        while (index < statements.length && statements[index]!.end <= m.index) index++;
        const s = statements[index];
        if (s && s.start <= m.index && m.index + m[0].length <= s.end) keep(index);
    }
    for (const [index, s] of statements.entries()) {
        // Re-exports carry names from other modules that no statement here declares: always kept (they are short).
        if (s.moduleSyntax && /\bfrom\s*['"]/.test(text.slice(s.start, s.end))) keep(index);
    }
    const from = statements[0]?.start ?? 0;
    const to = statements[statements.length - 1]?.end ?? 0;
    /** The statement an offset lies in, or -1 (between statements). */
    const statementAt = (offset: number): number => {
        let lo = 0;
        let hi = statements.length - 1;
        while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const s = statements[mid]!;
            if (offset < s.start) hi = mid - 1;
            else if (offset >= s.end) lo = mid + 1;
            else return mid;
        }
        return -1;
    };
    let mentions: Map<string, number[]> | undefined;
    const mentioning = (name: string): number[] => {
        if (mentions) return mentions.get(name) ?? [];
        const found: number[] = [];
        for (let at = text.indexOf(name, from); at >= 0 && at < to; at = text.indexOf(name, at + 1)) {
            if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
            if (isWordChar(text.charCodeAt(at + name.length))) continue;
            const i = statementAt(at);
            if (i >= 0) found.push(i);
        }
        return found;
    };
    const reached = new Set<string>();
    while (work.length > 0) {
        const s = statements[work.pop()!]!;
        WORD.lastIndex = s.start;
        for (let m = WORD.exec(text); m && m.index < s.end; m = WORD.exec(text)) {
            const name = m[0];
            if (!ids.has(name) || reached.has(name)) continue;
            reached.add(name);
            if (!mentions && reached.size > NAMES_SEARCHED_ONE_BY_ONE && to - from > 64 * 1024) {
                mentions = allMentions(text, from, to, statementAt, ids);
                WORD.lastIndex = m.index + name.length; // the pass above moved it
            }
            for (const i of mentioning(name)) keep(i);
        }
    }
    return kept;
}

/** Every declared name's statements, from one pass over the words of `text` between `from` and `to`. */
function allMentions(
    text: string,
    from: number,
    to: number,
    statementAt: (offset: number) => number,
    ids: ReadonlyMap<string, number>
): Map<string, number[]> {
    const mentions = new Map<string, number[]>();
    WORD.lastIndex = from;
    for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) {
        if (!ids.has(m[0])) continue;
        const i = statementAt(m.index);
        if (i < 0) continue;
        const list = mentions.get(m[0]);
        if (!list) mentions.set(m[0], [i]);
        else if (list[list.length - 1] !== i) list.push(i);
    }
    return mentions;
}
