// The shape of a command-line options table that `node:util` `parseArgs` reads and `--help` prints, so the two
// cannot drift apart (the CLI's OPTIONS; the bench script's too).
import { parseArgs } from 'node:util';

export interface HelpRow {
    type: 'string' | 'boolean';
    short?: string;
    multiple?: boolean;
    /** The value's placeholder in the help text. */
    value?: string;
    /** One line or more (`\n`), printed beside the option. */
    help: string;
}

/** The help lines of a table: `  -h, --name <value>  text`, the text aligned in a column. */
export function helpLines(rows: Record<string, HelpRow>, width = 27): string {
    return Object.entries(rows)
        .map(([name, o]) => {
            const label = `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
            const [first, ...rest] = o.help.split('\n');
            const head = `  ${label.padEnd(width - 2)}`;
            return [
                `${head.length > width ? `${head}\n${' '.repeat(width)}` : head}${first}`,
                ...rest.map((l) => `${' '.repeat(width)}${l}`)
            ].join('\n');
        })
        .join('\n');
}

/**
 * `parseArgs` for a script of the scanner's (the bench, the parser check): `--help` prints the usage, `about` and
 * the options, and exits; a typo gets its message and the usage on standard error and exit status 2, not a stack
 * trace. The table must have a boolean `help`.
 */
export function parseScriptArgs<T extends Record<string, HelpRow>>(
    rows: T,
    usage: string,
    about: string
): ReturnType<typeof parseArgs<{ options: T }>>['values'] {
    let values: ReturnType<typeof parseArgs<{ options: T }>>['values'];
    try {
        values = parseArgs({ options: rows }).values;
    } catch (error) {
        process.stderr.write(
            `${error instanceof Error ? error.message : String(error)}\n\n${usage}\n\n${helpLines(rows)}\n`
        );
        process.exit(2);
    }
    if ((values as Record<string, unknown>).help === true) {
        console.log(`${usage}\n\n${about}\n\n${helpLines(rows)}`);
        process.exit(0);
    }
    return values;
}
