// Object and field references outside Apex and Flow:
// - LWC: import X from '@salesforce/schema/Object.Field.Path' (read with TypeScript's import pre-processor)
// - permission sets: objectPermissions, fieldPermissions (and required fields, which a permission set cannot name)
// - custom metadata records: each <values><field> exists on its type; EntityDefinition / FieldDefinition values exist
// - custom fields: the object a lookup points at exists
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import ts from 'typescript';
import { positionAt } from '../diagnostics.mjs';
import { isGeneratedText } from '../lwc-typescript.mjs';
import { forceIgnored, isTestPath, lwcBundles, rel, sourceFiles, walkFiles } from '../project.mjs';
import { childElement, childElements, parseXmlFile, textOf } from '../xml.mjs';

export function collectLwcReferences(root) {
    const references = [];
    const ignored = forceIgnored(root);
    for (const bundle of lwcBundles(root)) {
        for (const file of walkFiles(
            bundle.dir,
            (f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts') && !isTestPath(f) && !ignored(f)
        )) {
            const text = readFileSync(file, 'utf8');
            // generated .js repeats its .ts; report the line a person edits
            if (file.endsWith('.js') && existsSync(file.replace(/\.js$/, '.ts')) && isGeneratedText(text)) continue;
            for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
                const m = /^@salesforce\/schema\/(.+)$/.exec(imported.fileName);
                if (!m) continue;
                const [object, ...path] = m[1].split('.');
                references.push({
                    file: rel(root, file),
                    ...positionAt(text, imported.pos),
                    object,
                    path: path.length ? path.join('.') : null,
                    context: 'LWC @salesforce/schema import'
                });
            }
        }
    }
    return { references, problems: [] };
}

export function collectPermissionSetReferences(root, model) {
    const references = [];
    const problems = [];
    for (const file of sourceFiles(root, (f) => f.endsWith('.permissionset-meta.xml'))) {
        const { root: xml } = parseXmlFile(file);
        if (!xml) continue;
        const where = rel(root, file);
        for (const p of childElements(xml, 'objectPermissions')) {
            const object = childElement(p, 'object');
            if (object)
                references.push({
                    file: where,
                    line: object.lineNumber,
                    object: textOf(object),
                    path: null,
                    context: 'permission set object'
                });
        }
        for (const p of childElements(xml, 'fieldPermissions')) {
            const field = childElement(p, 'field');
            if (!field) continue;
            const [object, name] = textOf(field).split('.');
            references.push({
                file: where,
                line: field.lineNumber,
                object,
                path: name ?? '',
                context: 'permission set field'
            });
            const info = model.object(object)?.field(name ?? '');
            if (info?.required) {
                problems.push({
                    file: where,
                    line: field.lineNumber,
                    message: `${object}.${name} is required (or master-detail): a permission set cannot grant field access to it, and the deploy fails. Remove this fieldPermissions entry`,
                    rule: 'required-field-permission'
                });
            }
        }
        for (const p of childElements(xml, 'recordTypeVisibilities')) {
            const recordType = childElement(p, 'recordType');
            if (recordType)
                references.push({
                    file: where,
                    line: recordType.lineNumber,
                    object: textOf(recordType).split('.')[0],
                    path: null,
                    context: 'permission set record type'
                });
        }
    }
    return { references, problems };
}

export function collectCustomMetadataReferences(root, model) {
    const references = [];
    const problems = [];
    for (const file of sourceFiles(root, (f) => f.endsWith('.md-meta.xml'))) {
        const { root: xml } = parseXmlFile(file);
        if (!xml) continue;
        const where = rel(root, file);
        const type = `${basename(file, '.md-meta.xml').split('.')[0]}__mdt`;
        references.push({
            file: where,
            line: xml.lineNumber,
            object: type,
            path: null,
            context: 'custom metadata record type'
        });
        for (const value of childElements(xml, 'values')) {
            const field = childElement(value, 'field');
            if (!field) continue;
            references.push({
                file: where,
                line: field.lineNumber,
                object: type,
                path: textOf(field),
                context: 'custom metadata record value'
            });
            // Relationship values name an object (EntityDefinition) or Object.Field (FieldDefinition): they must exist.
            const info = model.object(type)?.field(textOf(field));
            const target = info?.referenceTo?.[0];
            const valueEl = childElement(value, 'value');
            const stored = valueEl ? textOf(valueEl) : '';
            if (!stored || valueEl?.getAttribute('xsi:nil') === 'true') continue;
            if (target === 'EntityDefinition') {
                references.push({
                    file: where,
                    line: valueEl.lineNumber,
                    object: stored,
                    path: null,
                    context: `${type}.${textOf(field)} (EntityDefinition)`
                });
            } else if (target === 'FieldDefinition') {
                const [object, ...path] = stored.split('.');
                // A FieldDefinition value may be the bare field name, its object being the value of the
                // EntityDefinition field that controls it (metadataRelationshipControllingField)
                if (!path.length)
                    problems.push({
                        file: where,
                        line: valueEl.lineNumber,
                        severity: 'warning',
                        message: `${textOf(field)} names the field "${stored}" without its object (the EntityDefinition field that controls it gives the object): not checked`,
                        rule: 'unknown-field'
                    });
                else
                    references.push({
                        file: where,
                        line: valueEl.lineNumber,
                        object,
                        path: path.join('.'),
                        context: `${type}.${textOf(field)} (FieldDefinition)`
                    });
            }
        }
    }
    return { references, problems };
}

export function collectFieldDefinitionReferences(root) {
    const references = [];
    for (const file of sourceFiles(root, (f) => f.endsWith('.field-meta.xml'))) {
        const { root: xml } = parseXmlFile(file);
        const to = xml ? childElement(xml, 'referenceTo') : null;
        if (to && textOf(to))
            references.push({
                file: rel(root, file),
                line: to.lineNumber,
                object: textOf(to),
                path: null,
                context: `lookup from ${basename(dirname(dirname(file)))}`
            });
    }
    return { references, problems: [] };
}
