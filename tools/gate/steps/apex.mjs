// Step 4: Apex that would not compile. Syntax of every class and trigger with @apexdevtools/apex-parser (line:column
// of each error); names declared with a reserved keyword, which the parsers accept and the Apex compiler does not;
// and semantics (unknown methods, variables, types, fields) with apex-ls where a Java 21+ is available.
import { apexFiles, parseApexFile } from '../lib/apex.mjs';
import { reservedNames } from '../lib/apex-reserved.mjs';
import { checkApexSemantics } from '../lib/apex-semantics.mjs';
import { basename, join } from 'node:path';
import { forceIgnored, rel, sourceFiles } from '../lib/project.mjs';
import { loadSchemaModel } from '../lib/schema-model.mjs';

export async function run({ root }) {
    const files = apexFiles(root);
    const diagnostics = [];
    const broken = new Set();
    for (const file of files) {
        const { tree, errors } = parseApexFile(file);
        if (errors.length) broken.add(rel(root, file));
        for (const e of errors) {
            diagnostics.push({
                file: rel(root, file),
                line: e.line,
                column: e.column,
                message: e.message,
                rule: 'apex-syntax'
            });
        }
        for (const r of errors.length ? [] : reservedNames(tree)) {
            diagnostics.push({
                file: rel(root, file),
                line: r.line,
                column: r.column,
                message: `Identifier name is reserved: ${r.name} is an Apex keyword and cannot name a variable, parameter, field, method or class`,
                rule: 'apex-reserved-name'
            });
        }
    }
    const notes = [`${files.length} Apex file(s) parsed`];
    if (files.length) {
        const model = loadSchemaModel(root);
        // a field, or a relationship or child list held as a record end (setting.SetupOwner, log.LogEntries__r)
        const resolve = (objectName, fieldName) => model.resolvePath(objectName, fieldName, { recordEndAllowed: true });
        const catalog = {
            hasField: (objectName, fieldName) => resolve(objectName, fieldName).ok,
            fieldCertain: (objectName, fieldName) =>
                model.object(objectName)
                    ? !!resolve(objectName, fieldName).certain
                    : model.isProjectCustomName(objectName),
            objectDefined: (name) => model.object(name)?.source === 'project',
            dataWeaveScripts: new Set(
                sourceFiles(root, (f) => f.endsWith('.dwl')).map((f) => basename(f, '.dwl').toLowerCase())
            )
        };
        const semantics = await checkApexSemantics(root, catalog);
        if (semantics.ran) {
            // A file that does not parse, or a line already reported above, gains nothing from apex-ls's view of it;
            // a class without its -meta.xml is step 6's finding.
            const reported = new Set(diagnostics.map((d) => `${d.file}:${d.line}`));
            // apex-ls reads every class it finds; what .forceignore denies is never deployed
            const ignored = forceIgnored(root);
            diagnostics.push(
                ...semantics.diagnostics.filter(
                    (d) =>
                        !ignored(join(root, d.file)) &&
                        !broken.has(d.file) &&
                        !reported.has(`${d.file}:${d.line}`) &&
                        !/meta file is missing/.test(d.message)
                )
            );
            if (semantics.note) notes.push(semantics.note);
        } else {
            diagnostics.push({
                file: '',
                message: semantics.reason,
                rule: 'apex-semantic-skipped',
                severity: 'warning'
            });
        }
    }
    return { diagnostics, notes };
}
