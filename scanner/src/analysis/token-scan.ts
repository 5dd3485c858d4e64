// Fallback for units the parser rejects (syntax errors, nesting too deep): TypeScript's tokenizer, which still
// skips comments and strings, finds member chains such as `window.sforce.opencti.saveLog(`. It sees no aliases,
// wrappers or argument shapes; the report says which files were scanned this way.
import type * as TS from 'typescript';
import { loadTypeScript } from '../lazy.js';
import type { Detection, Trait } from './detections.js';
import { isConstantPath } from './javascript.js';

/** The compiler, set by `tokenScan` on first use (see typescript.ts). */
let ts: typeof TS;

interface Token {
    kind: TS.SyntaxKind;
    text: string;
    start: number;
    end: number;
}

const WINDOW_NAMES = new Set(['window', 'globalThis', 'self', 'parent', 'top']);

/** Tokens after which a `/` divides; elsewhere it starts a regular expression. */
function endsExpression(kind: TS.SyntaxKind | undefined): boolean {
    return (
        kind === ts.SyntaxKind.Identifier ||
        kind === ts.SyntaxKind.NumericLiteral ||
        kind === ts.SyntaxKind.StringLiteral ||
        kind === ts.SyntaxKind.CloseParenToken ||
        kind === ts.SyntaxKind.CloseBracketToken ||
        kind === ts.SyntaxKind.CloseBraceToken ||
        kind === ts.SyntaxKind.ThisKeyword ||
        kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
        kind === ts.SyntaxKind.TemplateTail
    );
}

function tokenize(text: string, jsx: boolean): Token[] {
    const scanner = ts.createScanner(
        ts.ScriptTarget.Latest,
        true,
        jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard,
        text
    );
    const tokens: Token[] = [];
    // Brace depth at each open template literal, to know when a `}` resumes the template.
    const templates: number[] = [];
    let braces = 0;
    let previous: TS.SyntaxKind | undefined;
    for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
        if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) {
            if (!endsExpression(previous)) kind = scanner.reScanSlashToken();
        } else if (kind === ts.SyntaxKind.OpenBraceToken) {
            braces++;
        } else if (kind === ts.SyntaxKind.CloseBraceToken) {
            if (templates.length > 0 && templates[templates.length - 1] === braces) {
                kind = scanner.reScanTemplateToken(false);
                if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
            } else {
                braces--;
            }
        }
        if (kind === ts.SyntaxKind.TemplateHead) templates.push(braces);
        tokens.push({ kind, text: scanner.getTokenText(), start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
        previous = kind;
    }
    return tokens;
}

const isIdentifierLike = (t: Token | undefined): t is Token =>
    t !== undefined &&
    (t.kind === ts.SyntaxKind.Identifier || ts.tokenToString(t.kind) === t.text) &&
    /^[A-Za-z_$][\w$]*$/.test(t.text);

/** Detections found by tokens alone. */
export function tokenScan(text: string, jsx = true): Detection[] {
    ts ??= loadTypeScript();
    const tokens = tokenize(text, jsx);
    const detections: Detection[] = [];
    for (let i = 0; i < tokens.length; i++) {
        const first = tokens[i];
        const before = tokens[i - 1];
        if (!first || first.kind !== ts.SyntaxKind.Identifier) continue;
        if (before && (before.kind === ts.SyntaxKind.DotToken || before.kind === ts.SyntaxKind.QuestionDotToken))
            continue;

        const path: string[] = [first.text];
        const traits = new Set<Trait>(['token-scan']);
        let j = i + 1;
        for (;;) {
            const sep = tokens[j];
            const name = tokens[j + 1];
            if (
                sep &&
                (sep.kind === ts.SyntaxKind.DotToken || sep.kind === ts.SyntaxKind.QuestionDotToken) &&
                isIdentifierLike(name)
            ) {
                if (sep.kind === ts.SyntaxKind.QuestionDotToken) traits.add('optional-chaining');
                path.push(name.text);
                j += 2;
                continue;
            }
            const key = tokens[j + 1];
            const close = tokens[j + 2];
            if (
                sep?.kind === ts.SyntaxKind.OpenBracketToken &&
                key &&
                (key.kind === ts.SyntaxKind.StringLiteral ||
                    key.kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) &&
                close?.kind === ts.SyntaxKind.CloseBracketToken
            ) {
                traits.add('element-access');
                path.push(key.text.slice(1, -1));
                j += 3;
                continue;
            }
            break;
        }
        const last = tokens[j - 1] ?? first;
        let next = tokens[j];
        if (next?.kind === ts.SyntaxKind.QuestionDotToken && tokens[j + 1]?.kind === ts.SyntaxKind.OpenParenToken) {
            next = tokens[j + 1];
        }
        const called = next?.kind === ts.SyntaxKind.OpenParenToken;
        i = j - 1;

        let k = 0;
        while (k < path.length - 1 && WINDOW_NAMES.has(path[k] ?? '')) k++;
        const chain = path.slice(k);
        if (k > 0) traits.add('global-object');
        else traits.add('direct');
        const at = { start: first.start, end: last.end };
        const head = chain[0];

        if (head === 'sforce' && chain.length >= 3) {
            const kind = called && !isConstantPath(chain) ? 'call' : 'reference';
            if (kind === 'reference') traits.add('reference');
            detections.push({ kind, path: chain, traits: [...traits], ...at });
        } else if (head === 'document' && chain[1] === 'cookie') {
            detections.push({ kind: 'cookie', path: ['cookie'], traits: [...traits], ...at });
        } else if ((head === 'localStorage' || head === 'sessionStorage') && chain.length >= 2) {
            detections.push({ kind: 'web-storage', path: [head], traits: [...traits], ...at });
        } else if (called && chain[chain.length - 1] === 'postMessage' && (k > 0 || chain.length === 1)) {
            detections.push({ kind: 'post-message', path: ['postMessage'], traits: [...traits], ...at });
        }
    }
    return detections;
}
