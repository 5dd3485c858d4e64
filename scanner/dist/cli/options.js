// Generated from scanner/src/cli/options.ts by `npm run build -w @switchboard/scanner`: do not edit.
// The shape of a command-line options table that `node:util` `parseArgs` reads and `--help` prints, so the two
// cannot drift apart (the CLI's OPTIONS; the bench script's too).
/** The help lines of a table: `  -h, --name <value>  text`, the text aligned in a column. */
export function helpLines(rows, width = 27) {
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
