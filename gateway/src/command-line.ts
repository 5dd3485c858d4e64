// The command lines of the gateway and the workbench (`@switchboard/gateway/command-line`). Each command has one
// options table: `parseArgs` (node:util) reads its types, `--help` prints its text, so the two cannot drift apart.
// The repository's scripts and gate tools do the same in scripts/lib/cli.mjs.
import { parseArgs } from 'node:util';

export interface OptionRow {
    readonly type: 'string' | 'boolean';
    /** What the option does; a second line starts with \n. */
    readonly help: string;
    /** The value's placeholder in the help text, e.g. '<port>'. */
    readonly value?: string;
    readonly short?: string;
    readonly multiple?: boolean;
}

export interface Command<O extends Record<string, OptionRow> = Record<string, OptionRow>> {
    /** The first line of the help, e.g. 'npm start -- [options]'. */
    readonly usage: string;
    /** What the command does, printed under the usage. */
    readonly about?: string;
    /** The table (--help is added). */
    readonly options: O;
    /** Whether it takes arguments besides options (default: no). */
    readonly positionals?: boolean;
    /** Printed after the options: subcommands, exit codes, environment variables. */
    readonly footer?: string;
}

type Values<O extends Record<string, OptionRow>> = {
    [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string;
};

/** A command line that does not fit its table: the message says what to change. */
export class UsageError extends Error {}

const HELP_ROW: OptionRow = { type: 'boolean', short: 'h', help: 'print this text and exit' };

/** The help text, from the table. */
export function helpText(command: Command): string {
    const rows = Object.entries({ ...command.options, help: HELP_ROW }).map(([name, o]) => ({
        label: `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`,
        lines: o.help.split('\n')
    }));
    const width = Math.min(30, Math.max(...rows.map((r) => r.label.length)) + 4);
    const pad = ' '.repeat(width);
    const options = rows.map(({ label, lines }) => {
        const head = `  ${label}`.padEnd(width);
        return [`${head.length > width ? `${head}\n${pad}` : head}${lines[0]}`, ...lines.slice(1).map((l) => pad + l)];
    });
    return [
        `Usage: ${command.usage}`,
        ...(command.about ? ['', command.about] : []),
        '',
        'Options:',
        ...options.flat(),
        ...(command.footer ? ['', command.footer.replace(/\n$/, '')] : []),
        ''
    ].join('\n');
}

/**
 * Reads argv by the command's table. `help` is true when --help was given (the caller prints helpText and stops).
 * @throws UsageError an unknown option, a missing value, an argument where none is taken
 */
export function parseCommandLine<O extends Record<string, OptionRow>>(
    command: Command<O>,
    argv: readonly string[]
): { values: Values<O>; positionals: string[]; help: boolean } {
    const table: Record<string, OptionRow> = { ...command.options, help: HELP_ROW };
    const options = Object.fromEntries(
        Object.entries(table).map(([name, o]) => [
            name,
            { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }
        ])
    );
    try {
        const { values, positionals } = parseArgs({
            args: [...argv],
            options,
            strict: true,
            allowPositionals: command.positionals ?? false
        });
        const { help, ...rest } = values;
        return { values: rest as Values<O>, positionals, help: help === true };
    } catch (error) {
        throw new UsageError(usageMessage(error, Object.keys(table)));
    }
}

/** parseArgs' messages name its own API ("Use `--` to terminate..."); say it as the person typed it. */
function usageMessage(error: unknown, names: readonly string[]): string {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(?:-\w, )?(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
    const known = names.map((n) => `--${n}`).join(', ');
    switch ((error as { code?: string }).code) {
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
 * For a program's start: parses process.argv; prints the help and exits 0 on --help; prints the problem and exits 2
 * (a usage error) when the command line does not fit.
 */
export function runCommandLine<O extends Record<string, OptionRow>>(
    command: Command<O>,
    argv: readonly string[] = process.argv.slice(2)
): { values: Values<O>; positionals: string[] } {
    let parsed;
    try {
        parsed = parseCommandLine(command, argv);
    } catch (error) {
        return usageFailure((error as Error).message);
    }
    if (parsed.help) {
        process.stdout.write(helpText(command));
        process.exit(0);
    }
    return { values: parsed.values, positionals: parsed.positionals };
}

/** Ends the program on a usage problem found after parsing (a missing argument, a value out of range). */
export function usageFailure(message: string): never {
    process.stderr.write(`${message}\n(--help lists the options)\n`);
    process.exit(2);
}
