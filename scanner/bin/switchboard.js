#!/usr/bin/env node
// Entry point of `npx switchboard`. The scanner is TypeScript run through tsx's loader, so `npm ci` is the only
// step needed before it works (no build). The scanner never executes the code it scans.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
try {
    process.exitCode = main(process.argv.slice(2), {
        stdout: process.stdout,
        stderr: process.stderr,
        cwd: process.cwd(),
        env: process.env
    });
} catch (error) {
    process.stderr.write(`switchboard: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 3;
}
