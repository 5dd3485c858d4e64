// Every script's command line: one options table that parseArgs reads and --help prints.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { UsageError, helpText, parseCommandLine } from '../lib/cli.mjs';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

const command = {
    usage: 'demo <file> [options]',
    about: 'A demonstration.',
    positionals: true,
    options: {
        alias: { type: 'string', value: '<alias>', help: 'the alias' },
        permset: { type: 'string', multiple: true, value: '<name>', help: 'repeatable\nsecond line' },
        'dry-run': { type: 'boolean', help: 'print only' }
    },
    footer: 'Tasks: none'
};

describe('the options table', () => {
    it('prints every row, its placeholder and every line of its text', () => {
        const help = helpText(command);
        assert.match(help, /^Usage: demo <file> \[options\]\n\nA demonstration\.\n/);
        assert.match(help, /\n {2}--alias <alias> +the alias\n/);
        assert.match(help, /--permset <name> +repeatable\n {10,}second line\n/);
        assert.match(help, /\n {2}-h, --help +print this text and exit\n/);
        assert.match(help, /\nTasks: none\n$/);
    });

    it('parses by the table', () => {
        assert.deepEqual(parseCommandLine(command, ['f', '--alias', 'a', '--permset', 'P', '--permset', 'Q']), {
            values: { alias: 'a', permset: ['P', 'Q'] },
            positionals: ['f'],
            help: false
        });
        assert.equal(parseCommandLine(command, ['-h']).help, true);
    });

    it('says what is wrong in the words of the command line', () => {
        const wrong = (argv, message) =>
            assert.throws(
                () => parseCommandLine(command, argv),
                (e) => e instanceof UsageError && message.test(e.message)
            );
        wrong(['--alias'], /^--alias needs a value$/);
        wrong(['--alias', '--dry-run'], /^--alias needs a value$/);
        wrong(['--dry-run=yes'], /^--dry-run takes no value$/);
        wrong(['--nope'], /^unknown option --nope: use --alias, --permset, --dry-run, --help$/);
        assert.throws(() => parseCommandLine({ ...command, positionals: false }, ['f']), /unexpected argument f/);
    });
});

describe('every script answers --help from its table', () => {
    for (const script of [
        'scripts/metadata-wsdl-to-xsd.mjs',
        'scripts/pg/throwaway.mjs',
        'scripts/scratch-org/run.mjs',
        'scripts/scratch-org/place-call.mjs',
        'scripts/scratch-org/verify-call.mjs',
        'scripts/scratch-org/record-sf-flags.mjs'
    ]) {
        it(script, async () => {
            const { stdout } = await run(process.execPath, [join(root, script), '--help']);
            assert.match(stdout, /^Usage: /);
            assert.match(stdout, /-h, --help +print this text and exit/);
            const unknown = await run(process.execPath, [join(root, script), '--no-such-option']).catch((e) => e);
            assert.equal(unknown.code, 2, 'a usage error exits 2');
            assert.match(unknown.stderr, /unknown option --no-such-option/);
        });
    }
});
