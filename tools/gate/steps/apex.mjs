// Step 4: syntax of every Apex class and trigger with @apexdevtools/apex-parser (line:column of each error), and
// names declared with a reserved keyword, which the parsers accept and the Apex compiler does not.
import { apexFiles, parseApexFile } from '../lib/apex.mjs';
import { reservedNames } from '../lib/apex-reserved.mjs';
import { rel } from '../lib/project.mjs';

export const title = 'Apex syntax (apex-parser)';

export async function run({ root }) {
    const files = apexFiles(root);
    const diagnostics = [];
    for (const file of files) {
        const { tree, errors } = parseApexFile(file);
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
    return { diagnostics, notes: [`${files.length} Apex file(s) parsed`] };
}
