#!/usr/bin/env node
// Entry point of `npx switchboard`. It runs the committed JavaScript in dist/ (built from src/ by
// `npm run build -w @switchboard/scanner`; a test fails when it is stale), so start-up compiles no TypeScript.
// The scanner never executes the code it scans.
import { main } from '../dist/cli/main.js';

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
