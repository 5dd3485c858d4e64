// Types of cli.mjs for the TypeScript rooms (the gateway and the workbench read their command lines through it).

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

/** The values parseArgs gives for a table: a boolean, a string, or a list of strings for a repeatable option. */
export type Values<O extends Record<string, OptionRow>> = {
    [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string;
};

/** A command line that does not fit its table: the message says what to change. */
export class UsageError extends Error {}

/** The help text, from the table. */
export function helpText(command: Command): string;

/** Reads argv by the command's table. `help` is true when --help was given. Throws UsageError. */
export function parseCommandLine<O extends Record<string, OptionRow>>(
    command: Command<O>,
    argv: readonly string[]
): { values: Values<O>; positionals: string[]; help: boolean };

/** Parses process.argv; prints the help and exits 0 on --help; prints the problem and exits 2 when it does not fit. */
export function runCommandLine<O extends Record<string, OptionRow>>(
    command: Command<O>,
    argv?: readonly string[]
): { values: Values<O>; positionals: string[] };

/** Ends the program on a usage problem found after parsing (a missing argument, a value out of range). */
export function usageFailure(message: string): never;
