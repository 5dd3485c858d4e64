#!/usr/bin/env node
// Entry point: node bin/switchboard-subscriber.js --help
import { main } from '../src/main.js';

const code = await main(process.argv.slice(2), process.env, {
    stdout: process.stdout,
    stderr: process.stderr,
    onStop: (stop) => {
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
    }
});
process.exit(code);
