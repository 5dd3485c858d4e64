#!/usr/bin/env node
// Entry point of `npx switchboard`. It runs the committed bundle dist/switchboard.js (built from src/ by
// `npm run build -w @switchboard/scanner`; a test fails when it is stale), so start-up compiles no TypeScript.
// The scanner never executes the code it scans.
import { main } from '../dist/switchboard.js';

// A reader that stops early (`switchboard scan . | head`) closes the pipe: stop quietly, as grep does, rather than
// die on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
        if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw error;
    });
}

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
