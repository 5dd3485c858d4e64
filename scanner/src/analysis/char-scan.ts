// The character-level reading of JavaScript that split.ts (cutting a large script into pieces) and mask.ts (blanking
// statements that cannot matter) share: character codes, what makes a word, and how a string or a template literal's
// text ends. Plain functions over (text, index), so the hot loops that call them allocate nothing.

/** Character codes the scans look at. */
export const C = {
    Tab: 9,
    LineFeed: 10,
    CarriageReturn: 13,
    Space: 32,
    Bang: 33,
    DoubleQuote: 34,
    Dollar: 36,
    Percent: 37,
    Ampersand: 38,
    SingleQuote: 39,
    OpenParen: 40,
    CloseParen: 41,
    Asterisk: 42,
    Plus: 43,
    Comma: 44,
    Minus: 45,
    Dot: 46,
    Slash: 47,
    Digit0: 48,
    Digit9: 57,
    Semicolon: 59,
    LessThan: 60,
    Equals: 61,
    GreaterThan: 62,
    Question: 63,
    UpperA: 65,
    UpperZ: 90,
    OpenBracket: 91,
    Backslash: 92,
    CloseBracket: 93,
    Caret: 94,
    Underscore: 95,
    Backtick: 96,
    LowerA: 97,
    LowerZ: 122,
    OpenBrace: 123,
    Bar: 124,
    CloseBrace: 125
} as const;

/** A character of an identifier or keyword (any non-ASCII character counts: identifiers may use them). */
export function isWordChar(c: number): boolean {
    return (
        (c >= C.LowerA && c <= C.LowerZ) ||
        (c >= C.UpperA && c <= C.UpperZ) ||
        (c >= C.Digit0 && c <= C.Digit9) ||
        c === C.Underscore ||
        c === C.Dollar ||
        c > 127
    );
}

/** White space as a regular expression's `\s` has it: a line terminator, or any space character of Unicode. */
export function isSpace(c: number): boolean {
    if (c <= C.Space) return c === C.Space || (c >= C.Tab && c <= C.CarriageReturn);
    if (c < 0xa0) return false;
    return (
        c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff
    );
}

/** How many line feeds `text` has between `start` and `end`. */
export function countLineFeeds(text: string, start: number, end: number): number {
    let n = 0;
    for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
    return n;
}

/**
 * Where a string literal that opens at `start` (its quote) stops, before `end`: at its closing `quote`, at a line
 * break (a string cannot span lines), or at `end`. The string closed when the character there is `quote`.
 */
export function stringStop(text: string, start: number, end: number, quote: number): number {
    let i = start + 1;
    for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === C.Backslash) i++;
        else if (c === quote || c === C.LineFeed) return i;
    }
    return i;
}

/**
 * Where a template literal's text that starts at `start` stops, before `end`: at its closing backtick, at the `{` of
 * a `${` substitution, or at `end` (never closed).
 */
export function templateTextStop(text: string, start: number, end: number): number {
    let i = start;
    for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === C.Backslash) i++;
        else if (c === C.Backtick) return i;
        else if (c === C.Dollar && text.charCodeAt(i + 1) === C.OpenBrace) return i + 1;
    }
    return i;
}
