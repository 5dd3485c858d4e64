// Prepares a -meta.xml for XSD validation so that xmllint judges its content, not what the Metadata API tolerates:
// - element order: the WSDL declares every type as an <xsd:sequence>, but the Metadata API returns and accepts
//   elements in other orders (Salesforce's own samples deploy that way). Children are put into the schema's order
//   before validation; the file's own order is reported as style only;
// - what retrieved files carry: the Tooling API namespace (urn:metadata.tooling.soap.sforce.com), an `fqn` attribute
//   on the root, and `xsi:nil="true"` elements (an empty value, the same as leaving the element out).
// The normalised copy is serialised with each moved element on its own line, and every line of it maps back to the
// line of the original file where that element starts, so diagnostics still point at the file a person edits.
import { readFileSync } from 'node:fs';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const TOOLING_NS = 'urn:metadata.tooling.soap.sforce.com';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

const local = (qname) => (qname ?? '').replace(/^[^:]*:/, '');

/**
 * The element sequences of a Metadata API XSD: for every complex type, its elements in order (inherited ones first)
 * and the type of each; and the type of every global element.
 * @param {string} xsdFile
 * @returns {{ version: string | null, globals: Map<string, string>, types: Map<string, { order: Map<string, number>, childType: Map<string, string>, nillable: Set<string> }> }}
 */
export function loadSequences(xsdFile) {
    const text = readFileSync(xsdFile, 'utf8');
    const doc = new DOMParser({ onError: () => {} }).parseFromString(text, 'text/xml');
    const schema = doc.documentElement;
    /** type → { base, elements: [name, type][] } */
    const raw = new Map();
    const globals = new Map();
    for (let node = schema.firstChild; node; node = node.nextSibling) {
        if (node.nodeType !== 1) continue;
        if (node.localName === 'element') globals.set(node.getAttribute('name'), local(node.getAttribute('type')));
        if (node.localName !== 'complexType') continue;
        const extension = node.getElementsByTagNameNS('http://www.w3.org/2001/XMLSchema', 'extension')[0];
        const elements = [];
        for (const el of Array.from(node.getElementsByTagNameNS('http://www.w3.org/2001/XMLSchema', 'element')))
            elements.push({
                name: el.getAttribute('name'),
                type: local(el.getAttribute('type')),
                nillable: el.getAttribute('nillable') === 'true',
                required: el.getAttribute('minOccurs') !== '0'
            });
        raw.set(node.getAttribute('name'), {
            base: extension ? local(extension.getAttribute('base')) : null,
            elements
        });
    }
    const types = new Map();
    const resolve = (name, seen = new Set()) => {
        if (types.has(name)) return types.get(name);
        const entry = raw.get(name);
        if (!entry || seen.has(name)) return null;
        seen.add(name);
        const inherited = entry.base ? resolve(entry.base, seen) : null;
        const order = new Map(inherited?.order ?? []);
        const childType = new Map(inherited?.childType ?? []);
        const nillable = new Set(inherited?.nillable ?? []);
        const requiredBooleans = new Set(inherited?.requiredBooleans ?? []);
        for (const element of entry.elements) {
            if (!order.has(element.name)) order.set(element.name, order.size);
            childType.set(element.name, element.type);
            if (element.nillable) nillable.add(element.name);
            if (element.required && element.type === 'boolean') requiredBooleans.add(element.name);
        }
        const resolved = { order, childType, nillable, requiredBooleans };
        types.set(name, resolved);
        return resolved;
    };
    for (const name of raw.keys()) resolve(name);
    const version = /Metadata API (\d+\.\d+)/.exec(text.slice(0, 2000))?.[1] ?? /(\d+\.\d+)\.xsd$/.exec(xsdFile)?.[1];
    return { version: version ?? null, globals, types };
}

const elementChildren = (el) => {
    const out = [];
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n);
    return out;
};

/**
 * Normalises one metadata XML text for validation (see the header).
 * @param {string} text
 * @param {ReturnType<typeof loadSequences>} sequences
 * @param {{ drop?: string[] }} [options] root children to leave out (checked elsewhere, e.g. js-meta targetConfigs)
 * @returns {{ text: string, lineOf: (line: number) => number, disordered: { line: number, element: string, parent: string }[], defaulted: { line: number, element: string, parent: string }[], apiVersion: string | null } | null}
 *   null when the text does not parse (xmllint then reports the original)
 */
export function normalizeForSchema(text, sequences, { drop = [] } = {}) {
    let broken = false;
    const source = text.replaceAll(TOOLING_NS, METADATA_NS);
    const doc = new DOMParser({
        onError: (level) => {
            if (level !== 'warning') broken = true;
        }
    }).parseFromString(source, 'text/xml');
    const root = doc.documentElement;
    if (broken || !root) return null;
    root.removeAttribute('fqn');
    const apiVersion =
        elementChildren(root)
            .find((c) => c.localName === 'apiVersion')
            ?.textContent.trim() || null;
    for (const child of elementChildren(root)) if (drop.includes(child.localName)) root.removeChild(child);

    const disordered = [];
    const defaulted = [];
    const visit = (el, typeName) => {
        const type = typeName ? sequences.types.get(typeName) : null;
        const children = elementChildren(el);
        for (const child of children) {
            // nil where the schema does not allow it is how retrieved files say "no value"; where it does, keep it
            if (child.getAttributeNS(XSI_NS, 'nil') === 'true' && !type?.nillable.has(child.localName))
                el.removeChild(child);
        }
        // The WSDL marks some booleans required that the Metadata API takes as false when absent (files retrieved
        // from orgs leave them out); validate as if false and say so.
        for (const name of type?.requiredBooleans ?? []) {
            if (elementChildren(el).some((c) => c.localName === name)) continue;
            const filler = doc.createElementNS(el.namespaceURI, name);
            filler.appendChild(doc.createTextNode('false'));
            el.appendChild(filler);
            defaulted.push({ line: el.lineNumber, element: name, parent: el.localName });
        }
        const kept = elementChildren(el);
        if (type && kept.length > 1) {
            const rank = (c) => type.order.get(c.localName) ?? Number.MAX_SAFE_INTEGER;
            const sorted = kept.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
            const moved = sorted.findIndex(({ i }, at) => i !== at);
            if (moved >= 0) {
                const first = kept.find((c, i) => i > 0 && rank(c) < rank(kept[i - 1]) && c.lineNumber);
                if (first) disordered.push({ line: first.lineNumber, element: first.localName, parent: el.localName });
                // each moved child on its own line, so every line of the copy still maps to one original element
                for (const { c } of sorted) {
                    el.appendChild(doc.createTextNode('\n'));
                    el.appendChild(c);
                }
                el.appendChild(doc.createTextNode('\n'));
            }
        }
        for (const child of elementChildren(el)) visit(child, type?.childType.get(child.localName));
    };
    visit(root, sequences.globals.get(root.localName));

    const out = new XMLSerializer().serializeToString(doc);
    // Line of the copy → line of the original: walk the copy and the normalised tree together (same elements).
    const copy = new DOMParser({ onError: () => {} }).parseFromString(out, 'text/xml').documentElement;
    const map = new Map();
    const pair = (a, b) => {
        if (!map.has(b.lineNumber)) map.set(b.lineNumber, a.lineNumber);
        const as = elementChildren(a);
        const bs = elementChildren(b);
        for (let i = 0; i < Math.min(as.length, bs.length); i++) pair(as[i], bs[i]);
    };
    if (copy) pair(root, copy);
    const lineOf = (line) => {
        for (let l = line; l > 0; l--) if (map.has(l)) return map.get(l);
        return line;
    };
    return { text: out, lineOf, disordered, defaulted, apiVersion };
}
