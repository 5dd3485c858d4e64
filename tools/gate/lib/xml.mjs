// Metadata XML reading with line numbers (xmldom keeps them), for checks that look inside metadata.
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';

/**
 * Parses an XML file. A malformed file yields `error` instead of throwing.
 * @returns {{ root: Element | null, error?: { line?: number, column?: number, message: string } }}
 */
export function parseXmlFile(file) {
    return parseXmlText(readFileSync(file, 'utf8'));
}

export function parseXmlText(text) {
    try {
        const doc = new DOMParser({ onError: () => {} }).parseFromString(text, 'text/xml');
        return { root: doc.documentElement ?? null };
    } catch (error) {
        return {
            root: null,
            error: {
                line: error.locator?.lineNumber,
                column: error.locator?.columnNumber,
                message: String(error.message).split('\n')[0]
            }
        };
    }
}

/** Element children of `el`, optionally only those with a given local name. */
export function childElements(el, name) {
    const out = [];
    for (let node = el?.firstChild; node; node = node.nextSibling) {
        if (node.nodeType === 1 && (!name || node.localName === name)) out.push(node);
    }
    return out;
}

/** The first child element with a local name, or null. */
export const childElement = (el, name) => childElements(el, name)[0] ?? null;

/** Trimmed text of an element (or of its named child). */
export function textOf(el, name) {
    const target = name ? childElement(el, name) : el;
    return target ? (target.textContent ?? '').trim() : '';
}

/** Every descendant element with a local name (document order). */
export function descendants(el, name) {
    const out = [];
    const visit = (node) => {
        for (let n = node.firstChild; n; n = n.nextSibling) {
            if (n.nodeType !== 1) continue;
            if (n.localName === name) out.push(n);
            visit(n);
        }
    };
    if (el) visit(el);
    return out;
}
