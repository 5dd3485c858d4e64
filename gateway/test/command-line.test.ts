// The gateway's and the workbench's command lines: one options table that parseArgs reads and --help prints.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { UsageError, helpText, parseCommandLine } from '../src/command-line.js';

const command = {
    usage: 'demo [options]',
    about: 'A demonstration.',
    positionals: true,
    options: {
        port: { type: 'string', value: '<n>', help: 'the port' },
        exclude: { type: 'string', multiple: true, value: '<glob>', help: 'repeatable\nsecond line' },
        quiet: { type: 'boolean', short: 'q', help: 'print nothing' },
        'a-very-long-option-name': { type: 'string', value: '<some value>', help: 'wraps onto its own line' }
    },
    footer: 'Exit status: 0'
} as const;

describe('command lines', () => {
    it('print every row of the table, its placeholder and every line of its text', () => {
        const help = helpText(command);
        assert.match(help, /^Usage: demo \[options\]\n\nA demonstration\.\n\nOptions:\n/);
        assert.match(help, /\n {2}--port <n> +the port\n/);
        assert.match(help, /--exclude <glob> +repeatable\n {10,}second line\n/);
        assert.match(help, /\n {2}-q, --quiet +print nothing\n/);
        assert.match(help, /--a-very-long-option-name <some value>\n {10,}wraps onto its own line\n/);
        assert.match(help, /\n {2}-h, --help +print this text and exit\n\nExit status: 0\n$/);
    });

    it('parse by the table', () => {
        assert.deepEqual(parseCommandLine(command, ['x', '--port', '1', '--exclude', 'a', '--exclude', 'b', '-q']), {
            values: { port: '1', exclude: ['a', 'b'], quiet: true },
            positionals: ['x'],
            help: false
        });
        assert.equal(parseCommandLine(command, ['--help']).help, true);
    });

    it('say what is wrong in the words of the command line', () => {
        const wrong = (argv: string[], message: RegExp, positionals = true) =>
            assert.throws(
                () => parseCommandLine({ ...command, positionals }, argv),
                (e: unknown) => e instanceof UsageError && message.test(e.message)
            );
        wrong(['--port'], /^--port needs a value$/);
        wrong(['--port', '--quiet'], /^--port needs a value$/);
        wrong(['--quiet=yes'], /^--quiet takes no value$/);
        wrong(['--nope'], /^unknown option --nope: use --port, --exclude, --quiet, --a-very-long-option-name, --help$/);
        wrong(['x'], /^unexpected argument x: only options are taken/, false);
    });

    it('the gateway answers --help and refuses an unknown command', async () => {
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
