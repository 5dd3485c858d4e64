// The command lines of the repository's scripts and gate tools. Each command has one options table: `parseArgs`
// (node:util) reads its types, `--help` prints its text, so the two cannot drift apart.
import { parseArgs } from 'node:util';

/**
 * @typedef {object} OptionRow
 * @property {'string' | 'boolean'} type
 * @property {string} help what the option does; a second line starts with \n
 * @property {string} [value] the value's placeholder in the help text, e.g. '<alias>'
 * @property {string} [short] a one-letter alias
 * @property {boolean} [multiple] repeatable; the values come as a list
 */

/**
 * @typedef {object} Command
 * @property {string} usage the first line of the help, e.g. 'node scripts/x.mjs <file> [options]'
 * @property {string} [about] what the command does, printed under the usage
 * @property {Record<string, OptionRow>} options the table (--help is added)
 * @property {boolean} [positionals] whether it takes arguments besides options (default: no)
 * @property {string} [footer] printed after the options (tasks, exit codes, environment variables)
 */

/** A command line that does not fit its table: the message says what to change. */
export class UsageError extends Error {}

const HELP_ROW = { type: 'boolean', short: 'h', help: 'print this text and exit' };

/** @param {Command} command */
function table(command) {
    return { ...command.options, help: HELP_ROW };
}

/**
 * The help text, from the table.
 * @param {Command} command
 */
export function helpText(command) {
    const rows = Object.entries(table(command)).map(([name, o]) => {
        const label = `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
        return { label, lines: o.help.split('\n') };
    });
    const width = Math.min(30, Math.max(...rows.map((r) => r.label.length)) + 4);
    const pad = ' '.repeat(width);
    const options = rows.map(({ label, lines }) => {
        const head = `  ${label}`.padEnd(width);
        const first = head.length > width ? `${head}\n${pad}${lines[0]}` : `${head}${lines[0]}`;
        return [first, ...lines.slice(1).map((l) => `${pad}${l}`)].join('\n');
    });
    return [
        `Usage: ${command.usage}`,
        ...(command.about ? ['', command.about] : []),
        '',
        'Options:',
        ...options,
        ...(command.footer ? ['', command.footer.replace(/\n$/, '')] : []),
        ''
    ].join('\n');
}

/**
 * Reads argv by the command's table. `help` is true when --help was given (the caller prints helpText and stops).
 * @param {Command} command
 * @param {readonly string[]} argv the arguments, without node and the script
 * @returns {{ values: Record<string, any>, positionals: string[], help: boolean }}
 * @throws {UsageError} an unknown option, a missing value, an argument where none is taken
 */
export function parseCommandLine(command, argv) {
    const options = table(command);
    // parseArgs knows nothing of placeholders and help text.
    const config = Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
            name,
            { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }
        ])
    );
    try {
        const { values, positionals } = parseArgs({
            args: [...argv],
            options: config,
            strict: true,
            allowPositionals: command.positionals ?? false
        });
        const { help, ...rest } = values;
        return { values: rest, positionals, help: help === true };
    } catch (error) {
        throw new UsageError(usageMessage(error, options));
    }
}

/** parseArgs' messages name its own API ("Use `--` to terminate..."); say it as the person typed it. */
function usageMessage(error, options) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(?:-\w, )?(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
    const known = Object.keys(options)
        .map((n) => `--${n}`)
        .join(', ');
    switch (error?.code) {
        case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
            return `unknown option ${flag}: use ${known}`;
        case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
            return /argument missing|ambiguous/.test(message) ? `${flag} needs a value` : `${flag} takes no value`;
        case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
            return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}: only options are taken (${known})`;
        default:
            return message;
    }
}

/**
 * For a script's top level: parses process.argv; prints the help and exits 0 on --help; prints the problem and exits 2
 * (a usage error) when the command line does not fit.
 * @param {Command} command
 * @param {readonly string[]} [argv]
 */
export function runCommandLine(command, argv = process.argv.slice(2)) {
    let parsed;
    try {
        parsed = parseCommandLine(command, argv);
    } catch (error) {
        process.stderr.write(`${error.message}\n(--help lists the options)\n`);
        process.exit(2);
    }
    if (parsed.help) {
        process.stdout.write(helpText(command));
        process.exit(0);
    }
    return { values: parsed.values, positionals: parsed.positionals };
}

/**
 * Ends a script on a usage problem found after parsing (a missing argument, a value out of range).
 * @param {string} message
 * @returns {never}
 */
export function usageFailure(message) {
    process.stderr.write(`${message}\n(--help lists the options)\n`);
    process.exit(2);
}
