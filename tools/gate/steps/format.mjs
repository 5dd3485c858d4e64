// Step 3: Prettier check of everything Prettier formats here: Apex (prettier-plugin-apex), metadata XML, LWC HTML,
// TypeScript and JavaScript, JSON, Markdown. Reports the first line that differs, or the syntax error's position.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { rel, walkFiles } from '../lib/project.mjs';
import { cachedCheck, cacheEnabled } from '../lib/result-cache.mjs';

function firstDifferentLine(a, b) {
    const x = a.split('\n');
    const y = b.split('\n');
    for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1;
    return 1;
}

export async function run({ root, includeWorkspaces, env }) {
    return cachedCheck({ root, name: 'prettier', dirs: ['.'], enabled: includeWorkspaces && cacheEnabled(env) }, () =>
        checkFormat(root)
    );
}

async function checkFormat(root) {
    const ignorePath = join(root, '.prettierignore');
    const diagnostics = [];
    let checked = 0;
    for (const file of walkFiles(root)) {
        const info = await prettier.getFileInfo(file, { ignorePath, resolveConfig: true });
        if (info.ignored || !info.inferredParser) continue;
        const config = (await prettier.resolveConfig(file)) ?? {};
        const text = readFileSync(file, 'utf8');
        checked++;
        try {
            const formatted = await prettier.format(text, { ...config, filepath: file });
            if (formatted !== text) {
                diagnostics.push({
                    file: rel(root, file),
                    line: firstDifferentLine(text, formatted),
                    message: 'not formatted: run `npm run prettier`',
                    rule: 'prettier'
                });
            }
        } catch (error) {
            const loc = error.loc?.start ?? {};
            diagnostics.push({
                file: rel(root, file),
                line: loc.line,
                column: loc.column,
                message: `cannot be parsed: ${String(error.message).split('\n')[0]}`,
                rule: 'prettier-syntax'
            });
        }
    }
    return { diagnostics, notes: [`${checked} file(s) checked`] };
}
