// Child processes for the steps that wrap external programs (xmllint, jest, workspace scripts).
import { spawn } from 'node:child_process';

/**
 * Runs a program and collects its output; never throws for a non-zero exit.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, input?: string }} [options]
 * @returns {Promise<{ code: number, stdout: string, stderr: string, error?: Error }>}
 */
export function runProcess(command, args, options = {}) {
    return new Promise((resolve) => {
        let child;
        try {
            child = spawn(command, args, {
                cwd: options.cwd,
                env: options.env ?? process.env,
                stdio: ['pipe', 'pipe', 'pipe']
            });
        } catch (error) {
            resolve({ code: 127, stdout: '', stderr: String(error), error });
            return;
        }
        const out = [];
        const err = [];
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        child.on('error', (error) => resolve({ code: 127, stdout: '', stderr: String(error), error }));
        child.on('close', (code) =>
            resolve({
                code: code ?? 1,
                stdout: Buffer.concat(out).toString('utf8'),
                stderr: Buffer.concat(err).toString('utf8')
            })
        );
        child.stdin.end(options.input ?? '');
    });
}
