// Step 1: TypeScript strict type-check, the build check (committed .js = what the .ts compiles to), and the LWC
// compiler over every deployable bundle file (catches code the platform's compiler would reject).
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { transformSync } from '@lwc/compiler';
import { compareWithDisk, compileLwcTypeScript } from '../lib/lwc-typescript.mjs';
import { isTestPath, lwcBundles, rel, walkFiles } from '../lib/project.mjs';
import { cachedCheck, cacheEnabled } from '../lib/result-cache.mjs';
import { runWorkspaceScripts } from '../lib/workspaces.mjs';

export async function run({ root, includeWorkspaces, env }) {
    const own = await cachedCheck(
        { root, name: 'lwc-types', dirs: ['force-app', 'types'], enabled: includeWorkspaces && cacheEnabled(env) },
        () => checkLwc(root)
    );
    const diagnostics = [...own.diagnostics];
    const notes = [...(own.notes ?? [])];
    if (includeWorkspaces) {
        const ws = await runWorkspaceScripts(root, 'typecheck', env);
        diagnostics.push(...ws.diagnostics);
        notes.push(...ws.notes);
    }
    return { diagnostics, notes };
}

async function checkLwc(root) {
    const notes = [];
    const result = await compileLwcTypeScript(root);
    const diagnostics = [...result.diagnostics, ...compareWithDisk(root, result)];
    notes.push(`${result.sources.length} TypeScript source(s), ${result.outputs.size} compiled`);

    let compiled = 0;
    for (const bundle of lwcBundles(root)) {
        const files = walkFiles(bundle.dir, (f) => !isTestPath(f) && ['.js', '.html', '.css'].includes(extname(f)));
        for (const file of files) {
            compiled++;
            try {
                transformSync(readFileSync(file, 'utf8'), basename(file), { name: bundle.name, namespace: 'c' });
            } catch (error) {
                const loc = error.location ?? error.loc ?? {};
                diagnostics.push({
                    file: rel(root, file),
                    line: loc.line,
                    column: loc.column !== undefined ? loc.column + 1 : undefined,
                    message: `LWC compiler: ${String(error.message).split('\n')[0]}`,
                    rule: error.code ? `LWC${error.code}` : 'lwc-compiler'
                });
            }
        }
    }
    notes.push(`${compiled} bundle file(s) through the LWC compiler`);
    return { diagnostics, notes };
}
