// Step 4: syntax of every Apex class and trigger with @apexdevtools/apex-parser (line:column of each error).
import { apexFiles, parseApexFile } from '../lib/apex.mjs';
import { rel } from '../lib/project.mjs';

export const title = 'Apex syntax (apex-parser)';

export async function run({ root }) {
    const files = apexFiles(root);
    const diagnostics = [];
    for (const file of files) {
        for (const e of parseApexFile(file).errors) {
            diagnostics.push({
                file: rel(root, file),
                line: e.line,
                column: e.column,
                message: e.message,
                rule: 'apex-syntax'
            });
        }
    }
    return { diagnostics, notes: [`${files.length} Apex file(s) parsed`] };
}
