// The gateway's command line, read by the repository's options-table module (whose own tests are
// scripts/test/cli.test.mjs): --help prints its table, and a mistyped command is a usage error (exit 2).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

describe('the gateway command line', () => {
    it('answers --help and refuses an unknown command', async () => {
        const run = promisify(execFile);
        const main = join(import.meta.dirname, '..', 'src', 'main.ts');
        const { stdout } = await run(process.execPath, ['--import', 'tsx', main, '--help']);
        assert.match(stdout, /^Usage: npm run gateway -- \[hash-password\]\n/);
        assert.match(stdout, /hash-password {3}read a password/);
        const wrong = await run(process.execPath, ['--import', 'tsx', main, 'hash-passwords']).catch((e: unknown) => e);
        assert.equal((wrong as { code: number }).code, 2);
        assert.match((wrong as { stderr: string }).stderr, /unknown command "hash-passwords"/);
    });
});
