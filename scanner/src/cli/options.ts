// The shape of a command-line options table that `node:util` `parseArgs` reads and `--help` prints, so the two
// cannot drift apart (the CLI's OPTIONS; the bench script's too).

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
