// Pulls JavaScript out of HTML, Visualforce and Aura markup with htmlparser2 (a tolerant streaming parser: broken
// markup still yields what it can): <script> blocks, inline event handlers, javascript: URLs, and the Open CTI
// libraries a page includes.
import { loadHtmlparser2 } from '../lazy.js';
import type { Language } from '../analysis/javascript.js';

type UnitContext = 'file' | 'script' | 'inline-handler' | 'javascript-url' | 'markdown-fence';

/** A piece of a file that is analysed as JavaScript/TypeScript on its own. */
export interface CodeUnit {
    text: string;
    /** Offset of `text` in its file. */
    offset: number;
    language: Language;
    context: UnitContext;
}

export type LibraryKind = 'opencti-lightning' | 'opencti-classic' | 'console-toolkit';

export interface LibraryInclude {
    url: string;
    library: LibraryKind;
    offset: number;
    length: number;
}

/** `template`: HTML with a server-side template language (JSP, ERB, PHP, Handlebars...), whose tags are masked. */
export type MarkupFlavor = 'html' | 'visualforce' | 'aura' | 'template';

export interface MarkupExtraction {
    units: CodeUnit[];
    includes: LibraryInclude[];
}

/** Script `type` values that hold JavaScript (absent means JavaScript). */
const SCRIPT_TYPES = new Set([
    '',
    'text/javascript',
    'application/javascript',
    'application/x-javascript',
    'text/ecmascript',
    'application/ecmascript',
    'module',
    'text/babel',
    'text/jsx'
]);

/** Which Open CTI library a script URL loads (voice-platform.md §9; Console Integration Toolkit pages). */
export function libraryOf(url: string): LibraryKind | undefined {
    const u = url.toLowerCase();
    if (u.includes('/support/api/') && u.includes('opencti')) return 'opencti-lightning';
    if (u.includes('/support/api/') && /\binteraction\.js\b/.test(u)) return 'opencti-classic';
    if (u.includes('/support/console/') && /\bintegration\.js\b/.test(u)) return 'console-toolkit';
    return undefined;
}

/**
 * Replaces Visualforce merge fields (`{!...}`) with underscores of the same length, so that
 * `var id = {!recordId};` parses as JavaScript and every offset stays where it was.
 */
export function maskMergeFields(text: string): string {
    if (!text.includes('{!')) return text;
    let out = '';
    let i = 0;
    while (i < text.length) {
        const start = text.indexOf('{!', i);
        if (start < 0) break;
        let depth = 0;
        let quote: string | undefined;
        let end = -1;
        for (let j = start; j < text.length; j++) {
            const c = text[j];
            if (quote) {
                if (c === quote) quote = undefined;
            } else if (c === '"' || c === "'") {
                quote = c;
            } else if (c === '{') {
                depth++;
            } else if (c === '}' && --depth === 0) {
                end = j;
                break;
            } else if (c === '\n' && j - start > 2000) {
                break;
            }
        }
        if (end < 0) break;
        out += text.slice(i, start) + text.slice(start, end + 1).replace(/[^\n]/g, '_');
        i = end + 1;
    }
    return out + text.slice(i);
}

/** Server-side template tags: `<% %>`, `<?php ?>`, `{{ }}`, `{% %}` (a line at most 2,000 characters apart). */
const TEMPLATE_TAG = /<%[^]{0,2000}?%>|<\?(?:php|=)?[^]{0,2000}?\?>|\{\{[^]{0,2000}?\}\}|\{%[^]{0,2000}?%\}/g;

/**
 * Masks template tags, keeping every offset: an expression tag (`<%= %>`, `<%- %>`, `<?= ?>`, `{{ }}`) becomes an
 * identifier of underscores between spaces, so `var id = <%= id %>;` parses; a statement tag (`<% if %>`,
 * `{% for %}`, `<?php ?>`) becomes spaces, so the code around it stays separate statements.
 */
export function maskTemplateTags(text: string): string {
    return text.replace(TEMPLATE_TAG, (m) => {
        if (!/^(<%[=-]|<\?=|\{\{)/.test(m)) return m.replace(/[^\n]/g, ' ');
        const inner = m.slice(1, -1).replace(/[^\n]/g, '_');
        return ` ${inner} `;
    });
}

/** Extracts code units and library includes from markup. Never throws on malformed input. */
export function extractMarkup(text: string, flavor: MarkupFlavor): MarkupExtraction {
    const units: CodeUnit[] = [];
    const includes: LibraryInclude[] = [];
    const mask =
        flavor === 'visualforce'
            ? maskMergeFields
            : flavor === 'template'
              ? (s: string): string => maskTemplateTags(maskMergeFields(s))
              : (s: string): string => s;
    let script: { offset: number; chunks: string[]; active: boolean; language: Language } | undefined;
    const attributes: { name: string; value: string; start: number; end: number }[] = [];

    const addInclude = (url: string, offset: number): void => {
        for (const part of url.split(',')) {
            const library = libraryOf(part);
            if (library) includes.push({ url: part.trim(), library, offset, length: url.length });
        }
    };

    const parser = new (loadHtmlparser2().Parser)(
        {
            onattribute(name, value) {
                attributes.push({ name, value, start: parser.startIndex, end: parser.endIndex });
            },
            onopentag(name, attribs) {
                const attrs = attributes.splice(0);
                const at = (attr: string): { value: string; offset: number } | undefined => {
                    const a = attrs.find((x) => x.name === attr);
                    if (!a) return undefined;
                    const raw = text.slice(a.start, a.end + 1);
                    const eq = raw.indexOf('=');
                    const q = raw.slice(eq + 1).search(/\S/);
                    const quoted = raw[eq + 1 + q] === '"' || raw[eq + 1 + q] === "'";
                    return { value: a.value, offset: a.start + eq + 1 + q + (quoted ? 1 : 0) };
                };
                if (name === 'script') {
                    const src = at('src');
                    if (src) addInclude(src.value, src.offset);
                    const type = (attribs.type ?? '').trim().toLowerCase();
                    const language: Language = attribs.lang === 'ts' ? 'ts' : 'js';
                    script = { offset: -1, chunks: [], active: !src && SCRIPT_TYPES.has(type), language };
                } else if (name === 'apex:includescript') {
                    const value = at('value');
                    if (value) addInclude(value.value, value.offset);
                } else if (name === 'ltng:require') {
                    const scripts = at('scripts');
                    if (scripts) addInclude(scripts.value, scripts.offset);
                }
                for (const attr of attrs) {
                    const value = attr.value.trim();
                    if (!value || value.startsWith('{!') || value.startsWith('{#')) continue;
                    const isHandler = attr.name.startsWith('on') && attr.name.length > 2;
                    const isUrl =
                        (attr.name === 'href' || attr.name === 'action') && /^\s*javascript:/i.test(attr.value);
                    if (!isHandler && !isUrl) continue;
                    const pos = at(attr.name);
                    if (!pos) continue;
                    let code = attr.value;
                    let offset = pos.offset;
                    if (isUrl) {
                        const colon = code.indexOf(':');
                        code = code.slice(colon + 1);
                        offset += colon + 1;
                    }
                    units.push({
                        text: mask(code),
                        offset,
                        language: 'js',
                        context: isUrl ? 'javascript-url' : 'inline-handler'
                    });
                }
            },
            ontext(data) {
                if (script?.active) {
                    if (script.offset < 0) script.offset = parser.startIndex;
                    script.chunks.push(data);
                }
            },
            onclosetag(name) {
                if (name === 'script' && script) {
                    if (script.active && script.offset >= 0) {
                        units.push({
                            text: mask(script.chunks.join('')),
                            offset: script.offset,
                            language: script.language,
                            context: 'script'
                        });
                    }
                    script = undefined;
                }
            }
        },
        { recognizeSelfClosing: true, lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true }
    );
    parser.end(text);
    return { units, includes };
}
