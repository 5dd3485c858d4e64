// Object and field references in Flow metadata:
// - <object> of the start element and of Get/Create/Update/Delete Records and dynamic choice sets
// - <field>, <queriedFields>, <sortField>, <recordField> against that element's object
// - SObject variables' <objectType>
// - resource paths in element references and {!merge fields}: $Record.Case__c, Get_Case.Contact.AccountId,
//   loop items, $User.Phone, $CustomMetadata.Type__mdt.Record.Field__c
import { rel, sourceFiles } from '../project.mjs';
import { childElement, childElements, descendants, parseXmlFile, textOf } from '../xml.mjs';

const RECORD_ELEMENTS = ['recordLookups', 'recordCreates', 'recordUpdates', 'recordDeletes', 'dynamicChoiceSets'];
const FIELD_HOLDERS = ['filters', 'inputAssignments', 'outputAssignments'];
const REFERENCE_TAGS = new Set([
    'elementReference',
    'leftValueReference',
    'assignToReference',
    'collectionReference',
    'inputReference',
    'outputReference'
]);
const GLOBAL_OBJECTS = { $user: 'User', $organization: 'Organization', $userrole: 'UserRole' };
const PATH = /\$?[A-Za-z_][\w$]*(?:\.[A-Za-z_$][\w$]*)+/g;

export const flowFiles = (root) => sourceFiles(root, (f) => f.endsWith('.flow-meta.xml'));

/**
 * @param {string} root
 */
export function collectFlowReferences(root) {
    const references = [];
    for (const file of flowFiles(root)) {
        const { root: flow } = parseXmlFile(file);
        if (!flow) continue; // step 5 reports malformed XML
        const where = rel(root, file);
        const add = (el, object, path, context, line, recordEndAllowed = false) =>
            references.push({
                file: where,
                line: line ?? el.lineNumber,
                column: el.columnNumber,
                object,
                path,
                context,
                recordEndAllowed
            });

        /** resource name (lower case) → object API name */
        const resources = new Map();
        const start = childElement(flow, 'start');
        const startObject = start ? textOf(start, 'object') : '';
        if (startObject) {
            add(childElement(start, 'object'), startObject, null, 'flow start object');
            resources.set('$record', startObject);
            resources.set('$record__prior', startObject);
            for (const f of childElements(start, 'filters')) {
                const field = childElement(f, 'field');
                if (field) add(field, startObject, textOf(field), 'flow entry condition');
            }
            for (const f of descendants(start, 'recordField')) add(f, startObject, textOf(f), 'flow scheduled path');
        }
        for (const v of childElements(flow, 'variables')) {
            const type = textOf(v, 'objectType');
            if (textOf(v, 'dataType') === 'SObject' && type) {
                add(childElement(v, 'objectType'), type, null, 'flow variable type');
                resources.set(textOf(v, 'name').toLowerCase(), type);
            }
        }
        for (const tag of RECORD_ELEMENTS) {
            for (const el of childElements(flow, tag)) {
                const object = textOf(el, 'object');
                const name = textOf(el, 'name');
                if (!object) continue;
                add(childElement(el, 'object'), object, null, `${tag} object`);
                if (tag === 'recordLookups' && textOf(el, 'storeOutputAutomatically') === 'true')
                    resources.set(name.toLowerCase(), object);
                for (const holder of FIELD_HOLDERS) {
                    for (const h of childElements(el, holder)) {
                        const field = childElement(h, 'field');
                        if (field) add(field, object, textOf(field), `${tag} ${holder}`);
                    }
                }
                for (const tagName of ['queriedFields', 'sortField', 'displayField', 'valueField', 'picklistField']) {
                    for (const f of childElements(el, tagName))
                        if (textOf(f)) add(f, object, textOf(f), `${tag} ${tagName}`);
                }
            }
        }
        // Loops and collection processors take the type of the collection they walk.
        for (let changed = true; changed;) {
            changed = false;
            for (const tag of ['loops', 'collectionProcessors']) {
                for (const el of childElements(flow, tag)) {
                    const name = textOf(el, 'name').toLowerCase();
                    const source = textOf(el, 'collectionReference').split('.')[0].toLowerCase();
                    if (!resources.has(name) && resources.has(source)) {
                        resources.set(name, resources.get(source));
                        changed = true;
                    }
                }
            }
        }

        const seen = new Set();
        const resolveText = (el, text) => {
            const candidates = REFERENCE_TAGS.has(el.localName)
                ? [text]
                : [...text.matchAll(/\{!([^}]+)\}/g)].map((m) => m[1]);
            for (const candidate of candidates) {
                for (const match of candidate.matchAll(PATH)) {
                    // $Record.Owner:User.Name picks a type of a polymorphic relationship; the platform checks that form.
                    if (candidate[match.index + match[0].length] === ':') continue;
                    const segments = match[0].split('.');
                    const head = segments[0].toLowerCase();
                    const offsetLine =
                        el.lineNumber + (text.slice(0, text.indexOf(match[0])).match(/\n/g)?.length ?? 0);
                    const key = `${offsetLine}:${match[0]}`;
                    if (seen.has(key)) continue;
                    seen.add(key);
                    if (head === '$custommetadata' && segments.length >= 4) {
                        add(el, segments[1], null, 'flow $CustomMetadata', offsetLine);
                        add(el, segments[1], segments.slice(3).join('.'), 'flow $CustomMetadata', offsetLine);
                    } else if (GLOBAL_OBJECTS[head]) {
                        add(el, GLOBAL_OBJECTS[head], segments.slice(1).join('.'), `flow ${segments[0]}`, offsetLine);
                    } else if (resources.has(head)) {
                        add(
                            el,
                            resources.get(head),
                            segments.slice(1).join('.'),
                            'flow resource field',
                            offsetLine,
                            true
                        );
                    }
                }
            }
        };
        const visit = (node) => {
            for (let n = node.firstChild; n; n = n.nextSibling) {
                if (n.nodeType !== 1) continue;
                const hasElementChildren = childElements(n).length > 0;
                if (!hasElementChildren) {
                    const text = n.textContent ?? '';
                    if (text.includes('.') || text.includes('{!')) resolveText(n, text);
                } else visit(n);
            }
        };
        visit(flow);
    }
    return { references, problems: [] };
}
