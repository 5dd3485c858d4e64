// The npm workspaces (connector, gateway, scanner, workbench...) plug into the gate through their own scripts:
// `typecheck` joins step 1, `lint` step 2, `test` step 9. A workspace without the script is simply not asked.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from './process.mjs';
import { cachedCheck, cacheEnabled } from './result-cache.mjs';

/** Workspaces declared in the root package.json that exist on disk. */
function workspaces(root) {
    const file = join(root, 'package.json');
    if (!existsSync(file)) return [];
    const declared = JSON.parse(readFileSync(file, 'utf8')).workspaces ?? [];
    return declared
        .map((dir) => ({ dir, path: join(root, dir), manifest: join(root, dir, 'package.json') }))
        .filter((w) => existsSync(w.manifest))
        .map((w) => ({ ...w, pkg: JSON.parse(readFileSync(w.manifest, 'utf8')) }));
}

/**
 * Runs `npm run <script>` in every workspace that defines it.
 * @returns {Promise<{ diagnostics: import('./diagnostics.mjs').Diagnostic[], notes: string[] }>}
 */
export async function runWorkspaceScripts(root, script, env = process.env) {
    const all = workspaces(root);
    // A workspace may read another (connector → contracts, scanner → catalog): all of them are inputs.
    const dirs = all.map((w) => w.dir);
    return cachedCheck({ root, name: `workspaces-${script}`, dirs, enabled: cacheEnabled(env) }, () =>
        runScripts(root, script, all)
    );
}

/**
 * Two workspaces at a time: their tests spend much of their time waiting (browsers, sockets, child processes), so a
 * second lane shortens step 9 by minutes on two cores. A workspace whose package.json says `"gate": { "alone": "<why>" }`
 * (its tests time something, such as a start-up) runs after the lanes, by itself. Results keep the declared order.
 */
const LANES = 2;

async function runScripts(root, script, all) {
    const todo = all.filter((ws) => ws.pkg.scripts?.[script]);
    const results = new Array(todo.length);
    const shared = todo.map((ws, index) => ({ ws, index })).filter(({ ws }) => !ws.pkg.gate?.alone);
    const alone = todo.map((ws, index) => ({ ws, index })).filter(({ ws }) => ws.pkg.gate?.alone);
    let next = 0;
    const lane = async () => {
        while (next < shared.length) {
            const { ws, index } = shared[next++];
            results[index] = await runScript(ws, script);
        }
    };
    await Promise.all(Array.from({ length: Math.min(LANES, shared.length) }, lane));
    for (const { ws, index } of alone) results[index] = await runScript(ws, script);
    return {
        diagnostics: results.flatMap((r) => r.diagnostics),
        notes: results.map((r) => r.note)
    };
}

async function runScript(ws, script) {
    const diagnostics = [];
    const started = Date.now();
    const npmCli =
        process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? process.env.npm_execpath : null;
    const { code, stdout, stderr } = npmCli
        ? await runProcess(process.execPath, [npmCli, 'run', '--silent', script], { cwd: ws.path })
        : await runProcess('npm', ['run', '--silent', script], { cwd: ws.path });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const note = `${ws.dir}: npm run ${script} ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds} s`;
    if (code !== 0) {
        const lines = `${stdout}\n${stderr}`
            .split('\n')
            .filter((l) => l.trim() && !/Unknown user config "nodedir"/.test(l));
        // The failing tests first (their names and causes), then how the run ended.
        const failures = lines
            .filter((l) => /✖|not ok|Error|Counterexample|expected|actual|\bfail(ed|ure)?\b/i.test(l))
            .slice(0, 40);
        const output = [...failures, ...(failures.length ? ['…'] : []), ...lines.slice(-20)].join('\n');
        diagnostics.push({
            file: `${ws.dir}/package.json`,
            message: `npm run ${script} failed in ${ws.dir}:\n${output}`,
            rule: `workspace-${script}`
        });
    }
    return { diagnostics, note };
}
