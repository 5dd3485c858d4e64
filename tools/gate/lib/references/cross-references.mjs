// Names one metadata file gives another, which a deploy resolves and this gate otherwise would not:
// - permission sets: classAccesses (Apex classes), customMetadataTypeAccesses (custom metadata types),
//   customPermissions
// - flows: Apex actions (actionType apex names a class with an @InvocableMethod), $Permission.<Name> references
// - flow tests: the flow they test, the fields of the triggering record they set (its JSON must parse), and the
//   elements or resources their assertions name
// Namespaced names (ns__Name) belong to installed packages and are not checked.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { rel, sourceFiles } from '../project.mjs';
import { childElement, childElements, descendants, parseXmlFile, textOf } from '../xml.mjs';

const namespaced = (name) => /^[A-Za-z0-9]+__[A-Za-z]/.test(name) && !/__(c|mdt|e|r|x|b)$/i.test(name);

/** Project metadata by name: Apex classes (name → file), custom permissions, flows (name → file). */
function projectNames(root) {
    const byKind = { classes: new Map(), permissions: new Set(), flows: new Map() };
    for (const file of sourceFiles(root)) {
        if (file.endsWith('.cls')) byKind.classes.set(basename(file, '.cls').toLowerCase(), file);
        else if (file.endsWith('.customPermission-meta.xml'))
            byKind.permissions.add(basename(file, '.customPermission-meta.xml').toLowerCase());
        else if (file.endsWith('.flow-meta.xml'))
            byKind.flows.set(basename(file, '.flow-meta.xml').toLowerCase(), file);
    }
    return byKind;
}

function problem(root, file, el, message, rule) {
    return { file: rel(root, file), line: el?.lineNumber, message, rule };
}

function checkPermissionSets(root, model, names, problems) {
    // permission set element, its child holding the name, whether the name exists, what to say, rule
    const grants = [
        [
            'classAccesses',
            'apexClass',
            (n) => names.classes.has(n),
            (n) => `Apex class ${n}, which is not in the project: the deploy fails`,
            'unknown-apex-class'
        ],
        [
            'customMetadataTypeAccesses',
            'name',
            (n) => !!model.object(n),
            (n) => `custom metadata type ${n}, which is not in the project`,
            'unknown-object'
        ],
        [
            'customPermissions',
            'name',
            (n) => names.permissions.has(n),
            (n) =>
                `custom permission ${n}, which is not in the project (customPermissions/${n}.customPermission-meta.xml)`,
            'unknown-custom-permission'
        ]
    ];
    for (const file of sourceFiles(root, (f) => f.endsWith('.permissionset-meta.xml'))) {
        const { root: xml } = parseXmlFile(file);
        if (!xml) continue;
        for (const [element, child, exists, what, rule] of grants) {
            for (const access of childElements(xml, element)) {
                const el = childElement(access, child);
                const name = textOf(el);
                if (name && !namespaced(name) && !exists(name.toLowerCase()))
                    problems.push(problem(root, file, el, `permission set grants ${what(name)}`, rule));
            }
        }
    }
}

function checkFlows(root, names, problems) {
    for (const [, file] of names.flows) {
        const { root: flow } = parseXmlFile(file);
        if (!flow) continue;
        for (const call of childElements(flow, 'actionCalls')) {
            if (textOf(call, 'actionType') !== 'apex') continue;
            const el = childElement(call, 'actionName');
            const name = textOf(el);
            if (!name || namespaced(name)) continue;
            const classFile = names.classes.get(name.toLowerCase());
            if (!classFile)
                problems.push(
                    problem(root, file, el, `Apex action ${name}: no such class in the project`, 'unknown-apex-class')
                );
            else if (!/@InvocableMethod\b/i.test(readFileSync(classFile, 'utf8')))
                problems.push(
                    problem(
                        root,
                        file,
                        el,
                        `Apex action ${name}: the class has no @InvocableMethod, so a flow cannot call it`,
                        'unknown-apex-class'
                    )
                );
        }
        const visit = (node) => {
            for (let n = node.firstChild; n; n = n.nextSibling) {
                if (n.nodeType !== 1) continue;
                if (childElements(n).length) {
                    visit(n);
                    continue;
                }
                for (const m of (n.textContent ?? '').matchAll(/\$Permission\.([A-Za-z][\w]*)/g)) {
                    if (!namespaced(m[1]) && !names.permissions.has(m[1].toLowerCase()))
                        problems.push(
                            problem(
                                root,
                                file,
                                n,
                                `$Permission.${m[1]}: no such custom permission in the project`,
                                'unknown-custom-permission'
                            )
                        );
                }
            }
        };
        visit(flow);
    }
}

/** Names a flow test may refer to: the flow's elements and resources (anything with a <name> child). */
function flowNames(flow) {
    const found = new Set();
    for (const el of childElements(flow)) {
        const name = textOf(el, 'name');
        if (name) found.add(name.toLowerCase());
    }
    return found;
}

function checkFlowTests(root, names, references, problems) {
    for (const file of sourceFiles(root, (f) => f.endsWith('.flowtest-meta.xml'))) {
        const { root: test } = parseXmlFile(file);
        if (!test) continue;
        const where = rel(root, file);
        const flowEl = childElement(test, 'flowApiName');
        const flowName = textOf(flowEl);
        const flowFile = names.flows.get(flowName.toLowerCase());
        if (!flowFile) {
            problems.push(
                problem(
                    root,
                    file,
                    flowEl,
                    `flow test names flow ${flowName}, which is not in the project`,
                    'unknown-flow'
                )
            );
            continue;
        }
        const { root: flow } = parseXmlFile(flowFile);
        if (!flow) continue;
        const startObject = textOf(childElement(flow, 'start'), 'object');
        const elements = flowNames(flow);
        for (const parameter of descendants(test, 'parameters')) {
            const valueEl = descendants(parameter, 'sobjectValue')[0];
            if (!valueEl) continue;
            let record;
            try {
                record = JSON.parse(textOf(valueEl));
            } catch (error) {
                problems.push(
                    problem(
                        root,
                        file,
                        valueEl,
                        `sobjectValue is not JSON (${error.message}); a formatter may have wrapped a value that contains blanks`,
                        'flowtest-json'
                    )
                );
                continue;
            }
            const object = record?.attributes?.type ?? startObject;
            for (const field of Object.keys(record ?? {}).filter((k) => k !== 'attributes')) {
                references.push({
                    file: where,
                    line: valueEl.lineNumber,
                    object,
                    path: field,
                    context: 'flow test record'
                });
            }
        }
        for (const condition of descendants(test, 'conditions')) {
            const el = childElement(condition, 'leftValueReference');
            const reference = textOf(el);
            const [head, ...path] = reference.split('.');
            if (head === '$Record' || head === '$Record__Prior') {
                if (path.length && startObject)
                    references.push({
                        file: where,
                        line: el.lineNumber,
                        object: startObject,
                        path: path.join('.'),
                        context: 'flow test assertion',
                        recordEndAllowed: true
                    });
            } else if (head && !head.startsWith('$') && !elements.has(head.toLowerCase())) {
                problems.push(
                    problem(
                        root,
                        file,
                        el,
                        `flow test asserts on ${head}, which is not an element or resource of flow ${flowName}`,
                        'unknown-flow-element'
                    )
                );
            }
        }
    }
}

/**
 * @param {string} root
 * @param {import('../schema-model.mjs').SchemaModel} model
 */
export function collectCrossReferences(root, model) {
    const references = [];
    const problems = [];
    const names = projectNames(root);
    checkPermissionSets(root, model, names, problems);
    checkFlows(root, names, problems);
    checkFlowTests(root, names, references, problems);
    return { references, problems };
}

/**
 * sf data tree plans under data/: each step's sobject, its files, every record's fields, and @references to records
 * an earlier file saved.
 * @param {string} root
 */
export function collectDataPlanReferences(root) {
    const references = [];
    const problems = [];
    const dataDir = join(root, 'data');
    if (!existsSync(dataDir)) return { references, problems };
    const plans = [];
    const visit = (dir) => {
        for (const name of readdirSafe(dir)) {
            const full = join(dir, name);
            if (name.endsWith('.json') && /plan/i.test(name)) plans.push(full);
        }
    };
    visit(dataDir);
    for (const planFile of plans) {
        const where = rel(root, planFile);
        let plan;
        try {
            plan = JSON.parse(readFileSync(planFile, 'utf8'));
        } catch (error) {
            problems.push({ file: where, message: `data plan is not JSON: ${error.message}`, rule: 'data-plan' });
            continue;
        }
        if (!Array.isArray(plan)) {
            problems.push({
                file: where,
                message: 'a data plan is a JSON array of { sobject, files } steps',
                rule: 'data-plan'
            });
            continue;
        }
        const saved = new Set();
        for (const step of plan) {
            references.push({ file: where, line: 1, object: step.sobject, path: null, context: 'data plan sobject' });
            for (const name of step.files ?? []) {
                const dataFile = join(dirname(planFile), name);
                const dataWhere = rel(root, dataFile);
                if (!existsSync(dataFile)) {
                    problems.push({
                        file: where,
                        message: `data plan names ${name}, which does not exist`,
                        rule: 'data-plan'
                    });
                    continue;
                }
                const text = readFileSync(dataFile, 'utf8');
                let records;
                try {
                    records = JSON.parse(text).records ?? [];
                } catch (error) {
                    problems.push({ file: dataWhere, message: `not JSON: ${error.message}`, rule: 'data-plan' });
                    continue;
                }
                for (const record of records) {
                    const type = record.attributes?.type ?? step.sobject;
                    const lineOf = (needle) => text.slice(0, text.indexOf(needle)).split('\n').length;
                    for (const [field, value] of Object.entries(record)) {
                        if (field === 'attributes') continue;
                        references.push({
                            file: dataWhere,
                            line: lineOf(`"${field}"`),
                            object: type,
                            path: field,
                            context: 'data record'
                        });
                        if (typeof value === 'string' && value.startsWith('@') && !saved.has(value.slice(1)))
                            problems.push({
                                file: dataWhere,
                                line: lineOf(value),
                                message: `${type}.${field} refers to ${value}, which no earlier file of the plan saves (saveRefs)`,
                                rule: 'data-plan'
                            });
                    }
                    if (step.saveRefs && record.attributes?.referenceId) saved.add(record.attributes.referenceId);
                }
            }
        }
    }
    return { references, problems };
}

function readdirSafe(dir) {
    try {
        return readdirSync(dir);
    } catch {
        return [];
    }
}
