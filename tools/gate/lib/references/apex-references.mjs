// Object and field references in Apex, read from the apex-parser tree (not from text):
// - SOQL: FROM objects, selected/filtered/ordered/grouped fields with relationship paths, sub-queries through child
//   relationships, semi-joins; SOSL: RETURNING Object(fields WHERE ...)
// - sObject constructors: new Case(Subject = 'x')
// - fields read or written through variables of an sObject type: vc.Description, calls[0].CallResolution
// - field tokens: VoiceCall.VendorCallKey, Schema.SObjectType.VoiceCall.fields.VendorCallKey
// What it cannot see (dynamic SOQL strings, get('Field') calls, method results) is not reported.
import { apexFiles, parseApexFile } from '../apex.mjs';
import { rel } from '../project.mjs';

const kind = (node) => node?.constructor?.name ?? '';
const children = (node) => node?.children ?? [];
const pos = (node) => ({
    line: node.start?.line ?? node.symbol?.line,
    column: (node.start?.column ?? node.symbol?.column ?? 0) + 1
});

function firstOfKind(node, name) {
    if (kind(node) === name) return node;
    for (const child of children(node)) {
        const found = firstOfKind(child, name);
        if (found) return found;
    }
    return null;
}

/** Element type of a collection type name: List<X> / Set<X> / X[] → X. */
function elementType(typeName) {
    const generic = /^(?:List|Set)<(.+)>$/i.exec(typeName);
    if (generic) return generic[1];
    if (typeName.endsWith('[]')) return typeName.slice(0, -2);
    return null;
}

const stripSchema = (name) => name.replace(/^Schema\./i, '');

/** Nodes that open a scope of their own: a variable declared inside is not visible outside. */
const SCOPES = new Set(['BlockContext', 'ForStatementContext']);

/**
 * Declared variables of a class body, method, block or for statement, by lower-case name → type text. Declarations
 * in nested blocks and for statements are left to those scopes, so that two sibling blocks may each declare `c` with
 * a different type.
 */
function collectDeclarations(node, into, { descendIntoMembers }) {
    for (const child of children(node)) {
        const k = kind(child);
        if (SCOPES.has(k)) continue;
        if (
            !descendIntoMembers &&
            (k === 'MethodDeclarationContext' ||
                k === 'ConstructorDeclarationContext' ||
                k === 'ClassDeclarationContext' ||
                k === 'PropertyDeclarationContext')
        ) {
            if (k === 'PropertyDeclarationContext') {
                const type = firstOfKind(child, 'TypeRefContext');
                const id = children(child).find((c) => kind(c) === 'IdContext');
                if (type && id) into.set(id.getText().toLowerCase(), type.getText());
            }
            continue;
        }
        if (k === 'LocalVariableDeclarationContext' || k === 'FieldDeclarationContext') {
            const type = children(child).find((c) => kind(c) === 'TypeRefContext');
            const declarators = children(child).find((c) => kind(c) === 'VariableDeclaratorsContext');
            for (const d of children(declarators).filter((c) => kind(c) === 'VariableDeclaratorContext')) {
                const id = children(d).find((c) => kind(c) === 'IdContext');
                if (type && id) into.set(id.getText().toLowerCase(), type.getText());
            }
        } else if (k === 'FormalParameterContext' || k === 'EnhancedForControlContext') {
            const type = children(child).find((c) => kind(c) === 'TypeRefContext');
            const id = children(child).find((c) => kind(c) === 'IdContext');
            if (type && id) into.set(id.getText().toLowerCase(), type.getText());
        }
        collectDeclarations(child, into, { descendIntoMembers });
    }
}

/** Splits a.b[0].c.d() into its base and the chain of member names up to the first method call. */
function flattenDot(node) {
    const chain = [];
    let current = node;
    while (kind(current) === 'DotExpressionContext') {
        const [left, , member] = children(current);
        if (kind(member) === 'DotMethodCallContext')
            chain.length = 0; // anything after a call is on an unknown type
        else chain.unshift({ name: member.getText(), node: member });
        current = left;
    }
    return { base: current, chain };
}

/**
 * @param {string} root
 * @param {import('../schema-model.mjs').SchemaModel} model
 * @returns {{ references: object[], problems: object[] }}
 */
export function collectApexReferences(root, model) {
    const references = [];
    const problems = [];
    for (const file of apexFiles(root)) {
        const { tree, errors } = parseApexFile(file);
        if (errors.length) continue; // step 4 reports syntax errors; a broken tree would give noise here
        const where = rel(root, file);
        const add = (node, object, path, context, recordEndAllowed = false) =>
            references.push({ file: where, ...pos(node), object, path, context, recordEndAllowed });

        const isSObjectType = (typeName) => !!typeName && !!model.object(stripSchema(typeName));

        const visitQuery = (node, object, scope) => {
            // FROM <object> [alias]
            const from = children(node).find((c) => kind(c) === 'FromNameListContext');
            let alias = null;
            if (kind(node) === 'QueryContext' && from) {
                const fieldNameNode = children(from).find((c) => kind(c) === 'FieldNameContext');
                const name = fieldNameNode?.getText() ?? '';
                const aliasNode = children(from).find((c) => kind(c) === 'SoqlIdContext');
                alias = aliasNode ? aliasNode.getText().toLowerCase() : null;
                object = name;
                add(fieldNameNode ?? from, name, null, 'SOQL FROM');
            }
            const visitInQuery = (n) => {
                const k = kind(n);
                if (k === 'FromNameListContext' || k === 'TypeOfContext') return;
                if (k === 'QueryContext') return visitQuery(n, null, scope);
                if (k === 'SubQueryContext' && kind(n.parentCtx) !== 'SelectEntryContext') {
                    // semi-join: WHERE Id IN (SELECT ContactId FROM Case) names an object, like a query
                    const subFrom = children(n).find((c) => kind(c) === 'FromNameListContext');
                    const subObject = subFrom
                        ? (children(subFrom)
                              .find((c) => kind(c) === 'FieldNameContext')
                              ?.getText() ?? '')
                        : '';
                    if (subFrom) add(subFrom, subObject, null, 'SOQL semi-join FROM');
                    return visitQuery(n, subObject, scope);
                }
                if (k === 'SubQueryContext') {
                    const subFrom = children(n).find((c) => kind(c) === 'FromNameListContext');
                    const parent = object ? model.object(object) : null;
                    // FROM Account.Contacts may name the parent first
                    let relName = subFrom?.getText() ?? '';
                    if (parent && relName.toLowerCase().startsWith(`${parent.name.toLowerCase()}.`))
                        relName = relName.slice(parent.name.length + 1);
                    if (parent) {
                        const child = parent.children.get(relName.toLowerCase());
                        if (!child) {
                            // only a custom relationship of this project is certainly missing: the catalog does not
                            // list every standard child relationship
                            problems.push({
                                file: where,
                                ...pos(subFrom),
                                ...(model.isProjectCustomName(relName) ? {} : { severity: 'warning' }),
                                message: `${parent.name} has no child relationship ${relName} (sub-query FROM names a child relationship, e.g. Cases)`,
                                rule: 'unknown-relationship'
                            });
                        } else {
                            visitQuery(n, child, scope);
                        }
                    }
                    return undefined;
                }
                if (k === 'FieldNameContext' && object) {
                    let segments = children(n)
                        .filter((c) => kind(c) === 'SoqlIdContext')
                        .map((c) => c.getText());
                    if (alias && segments.length > 1 && segments[0].toLowerCase() === alias)
                        segments = segments.slice(1);
                    if (segments.length) add(n, object, segments.join('.'), 'SOQL field');
                    return undefined;
                }
                if (k === 'BoundExpressionContext') return visitApex(n, scope);
                for (const c of children(n)) visitInQuery(c);
                return undefined;
            };
            for (const c of children(node)) visitInQuery(c);
        };

        const visitSosl = (node, scope) => {
            for (const spec of findAll(node, 'FieldSpecContext')) {
                const object = children(spec)[0]?.getText() ?? '';
                add(spec, object, null, 'SOSL RETURNING');
                for (const list of findAll(spec, 'FieldListContext')) {
                    for (const id of children(list).filter((c) => kind(c) === 'SoslIdContext'))
                        add(id, object, id.getText(), 'SOSL field');
                }
                for (const f of findAll(spec, 'FieldNameContext')) {
                    const segments = children(f)
                        .filter((c) => kind(c) === 'SoqlIdContext')
                        .map((c) => c.getText());
                    if (segments.length) add(f, object, segments.join('.'), 'SOSL field');
                }
            }
            for (const b of findAll(node, 'BoundExpressionContext')) visitApex(b, scope);
        };

        const lookup = (scope, name) => {
            for (let s = scope; s; s = s.parent) {
                const type = s.vars.get(name.toLowerCase());
                if (type) return type;
            }
            return null;
        };

        const visitDot = (node, scope) => {
            const { base, chain } = flattenDot(node);
            if (!chain.length) return;
            let names = chain.map((c) => c.name);
            let baseName = null;
            let indexed = false;
            if (kind(base) === 'PrimaryExpressionContext') baseName = base.getText();
            else if (kind(base) === 'ArrayExpressionContext') {
                baseName = children(base)[0]?.getText();
                indexed = true;
            }
            if (!baseName) return;
            if (baseName.toLowerCase() === 'this' && names.length > 1) {
                baseName = names[0];
                names = names.slice(1);
            }
            const variableType = lookup(scope, baseName);
            if (variableType) {
                const type = indexed ? elementType(variableType) : variableType;
                if (type && isSObjectType(type) && !/[<[]/.test(type)) {
                    const object = stripSchema(type);
                    add(chain[0].node, object, names.join('.'), 'Apex field access', true);
                }
                return;
            }
            // Field tokens: [Schema.]Obj.Field, [Schema.]SObjectType.Obj.fields.Field
            let tokenNames = [baseName, ...names];
            if (tokenNames[0].toLowerCase() === 'schema') tokenNames = tokenNames.slice(1);
            if (
                tokenNames[0]?.toLowerCase() === 'sobjecttype' &&
                tokenNames.length >= 4 &&
                tokenNames[2].toLowerCase() === 'fields'
            ) {
                if (model.object(tokenNames[1]))
                    add(chain[chain.length - 1].node, tokenNames[1], tokenNames[3], 'Apex field token');
                else add(chain[0].node, tokenNames[1], null, 'Apex SObjectType token');
                return;
            }
            if (tokenNames.length >= 2 && model.object(tokenNames[0])) {
                const member = tokenNames[1].toLowerCase();
                if (member === 'sobjecttype' || member === 'fields' || member === 'class') return;
                const fieldNode = chain.find((c) => c.name === tokenNames[1])?.node ?? chain[0].node;
                add(fieldNode, tokenNames[0], tokenNames[1], 'Apex field token');
            }
        };

        const visitCreator = (node) => {
            const created = children(node).find((c) => kind(c) === 'CreatedNameContext');
            const rest = children(node).find((c) => kind(c) === 'ClassCreatorRestContext');
            if (!created || !rest) return;
            const typeName = stripSchema(created.getText());
            const assignments = findAll(rest, 'AssignExpressionContext').filter((a) => {
                const left = children(a)[0];
                return kind(left) === 'PrimaryExpressionContext' && kind(children(left)[0]) === 'IdPrimaryContext';
            });
            const args = firstOfKind(rest, 'ExpressionListContext');
            const argCount = args ? children(args).filter((c) => c.getText() !== ',').length : 0;
            if (!assignments.length || assignments.length !== argCount) return; // not the name = value form
            for (const a of assignments)
                add(children(a)[0], typeName, children(a)[0].getText(), 'sObject constructor', true);
        };

        const visitApex = (node, scope) => {
            const k = kind(node);
            if (k === 'QueryContext') return visitQuery(node, null, scope);
            if (k === 'SoslLiteralContext') return visitSosl(node, scope);
            if (k === 'DotExpressionContext') {
                visitDot(node, scope);
                // the left side may itself hold queries or calls with arguments
                const { base } = flattenDot(node);
                visitApex(base, scope);
                for (const call of findAll(node, 'DotMethodCallContext'))
                    for (const c of children(call)) visitApex(c, scope);
                return undefined;
            }
            if (k === 'CreatorContext') visitCreator(node);
            if (k === 'ClassBodyContext' || k === 'TriggerBlockContext') {
                const classScope = { vars: new Map(), parent: scope };
                collectDeclarations(node, classScope.vars, { descendIntoMembers: false });
                for (const c of children(node)) visitApex(c, classScope);
                return undefined;
            }
            if (
                k === 'MethodDeclarationContext' ||
                k === 'ConstructorDeclarationContext' ||
                k === 'PropertyDeclarationContext' ||
                SCOPES.has(k)
            ) {
                const methodScope = { vars: new Map(), parent: scope };
                collectDeclarations(node, methodScope.vars, { descendIntoMembers: true });
                for (const c of children(node)) visitApex(c, methodScope);
                return undefined;
            }
            for (const c of children(node)) visitApex(c, scope);
            return undefined;
        };
        visitApex(tree, null);
    }
    return { references, problems };
}

function findAll(node, name, out = []) {
    for (const child of children(node)) {
        if (kind(child) === name) out.push(child);
        findAll(child, name, out);
    }
    return out;
}
