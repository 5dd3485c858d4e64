// `switchboard scan <path>`: a thin layer over scan() and the report renderers. Exit codes are documented in
// scanner/README.md and in the help text below.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MAX_FILE_SIZE_CEILING, RootNotFoundError } from '../discovery/walk.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { TOOL, type ScanReport } from '../model/report.js';
import { renderSarif } from '../report/sarif.js';
import { renderTerminal } from '../report/terminal.js';
import { DEFAULT_MAX_FILE_SIZE, scan } from '../scan.js';
import { loadLevenshtein } from '../lazy.js';
import { UsageError, blocking, parseFailOn } from './fail-on.js';
import { helpLines, type HelpRow } from './options.js';
import { ProgressBar, type ProgressStream } from './progress.js';

export const EXIT = { ok: 0, blocked: 1, usage: 2, failed: 3 } as const;

/** One row per option: `parseArgs` reads its type, `--help` prints its text, so the two cannot drift apart. */
interface OptionRow extends HelpRow {
    group: 'Reports' | 'What to scan' | 'Exit status' | 'Other';
}

export const OPTIONS = {
    json: {
        type: 'string',
        value: '<file>',
        group: 'Reports',
        help: 'JSON report (schema: scanner/schema/scan-report.schema.json)'
    },
    sarif: { type: 'string', value: '<file>', group: 'Reports', help: 'SARIF 2.1.0 for code-scanning tools' },
    markdown: { type: 'string', value: '<file>', group: 'Reports', help: 'Markdown report' },
    html: {
        type: 'string',
        value: '<file>',
        group: 'Reports',
        help: 'self-contained HTML report with a chart of findings by action'
    },
    out: {
        type: 'string',
        value: '<dir>',
        group: 'Reports',
        help: 'all four, as <dir>/switchboard-scan.{json,sarif,md,html}'
    },
    format: {
        type: 'string',
        value: '<name>',
        group: 'Reports',
        help: 'what goes to stdout: terminal (default), json, sarif, markdown, html'
    },
    quiet: { type: 'boolean', group: 'Reports', help: 'print nothing to stdout (reports are still written)' },
    'no-progress': {
        type: 'boolean',
        group: 'Reports',
        help: 'never draw the progress bar (it is drawn only on a terminal)'
    },
    exclude: {
        type: 'string',
        multiple: true,
        value: '<pattern>',
        group: 'What to scan',
        help: 'gitignore-style pattern relative to <path>; repeatable'
    },
    'no-ignore-files': {
        type: 'boolean',
        group: 'What to scan',
        help: 'do not read .gitignore and .switchboardignore files'
    },
    'no-default-excludes': { type: 'boolean', group: 'What to scan', help: 'also scan .git/ and node_modules/' },
    'max-file-size': {
        type: 'string',
        value: '<size>',
        group: 'What to scan',
        help: 'skip larger files (reported); e.g. 800kb, 5mb, 1048576 (default 5mb, at most 256mb)'
    },
    'fail-on': {
        type: 'string',
        multiple: true,
        value: '<list>',
        group: 'Exit status',
        help: 'comma-separated actions (eliminate, migrate, replace, keep) and/or severities\n(error, warning, note; a severity also matches worse ones)'
    },
    help: { type: 'boolean', short: 'h', group: 'Other', help: 'this text' },
    version: { type: 'boolean', short: 'v', group: 'Other', help: "the scanner's version" }
} as const satisfies Record<string, OptionRow>;

const EXIT_HELP = `  0  scan done, nothing matched --fail-on
  1  findings matched --fail-on
  2  usage error (unknown option, bad value)
  3  the scan could not run (path not found or unreadable, a report could not be written)
`;

function helpText(): string {
    const section = (group: OptionRow['group']): string =>
        helpLines(
            Object.fromEntries(Object.entries(OPTIONS).filter(([, o]: [string, OptionRow]) => o.group === group))
        );
    return `Usage: switchboard scan <path> [options]

Inventories an Open CTI adapter (JavaScript, TypeScript, HTML, Visualforce, Aura, static resources, Markdown,
call-center definitions) and maps every usage to its Salesforce Voice replacement.

Reports
${section('Reports')}

What to scan
${section('What to scan')}

Exit status
${section('Exit status')}
${EXIT_HELP}
${section('Other')}
`;
}

export const HELP = helpText();

export interface CliIo {
    stdout: { write(text: string): unknown; isTTY?: boolean };
    stderr: ProgressStream;
    cwd: string;
    env: Record<string, string | undefined>;
    now?: () => Date;
}

/** Parses "5mb", "800kb", "1048576". */
export function parseSize(text: string): number {
    const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
    if (!m) throw new UsageError(`--max-file-size: "${text}" is not a size (examples: 800kb, 5mb, 1048576)`);
    const unit = (m[2] ?? 'b').toLowerCase()[0];
    const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
    const size = Math.floor(Number(m[1]) * factor);
    if (size > MAX_FILE_SIZE_CEILING) {
        throw new UsageError(
            `--max-file-size: ${text} is over the ceiling of 256mb (a larger file cannot be held as text and parsed)`
        );
    }
    return size;
}

const FORMATS = ['terminal', 'json', 'sarif', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

function render(format: Format, report: ScanReport, rootUri: string, colour: boolean, written: string[]): string {
    switch (format) {
        case 'json':
            return `${JSON.stringify(report, null, 2)}\n`;
        case 'sarif':
            return renderSarif(report, { rootUri });
        case 'markdown':
            return renderMarkdown(report);
        case 'html':
            return renderHtml(report);
        case 'terminal':
            return renderTerminal(report, { colour, written });
    }
}

/** ` (did you mean --format?)` when one of `names` is a typo away from `typed`, else nothing. */
function suggestion(typed: string, names: readonly string[], prefix: string): string {
    const { closest, distance } = loadLevenshtein();
    const near = closest(typed, [...names]);
    return distance(typed, near) <= Math.max(2, Math.floor(typed.length / 3))
        ? ` (did you mean ${prefix}${near}?)`
        : '';
}

/** What `parseArgs` refused, in the user's words (its own messages name its API: "To specify a positional..."). */
function parseProblem(error: unknown): string {
    const { code, message = String(error) } = error as { code?: string; message?: string };
    const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
    if (!flag) return message;
    switch (code) {
        case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
            return flag.startsWith('--')
                ? `unknown option ${flag}${suggestion(flag.slice(2), Object.keys(OPTIONS), '--')}`
                : `unknown option ${flag}`;
        case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
            return /argument missing/.test(message) ? `${flag} needs a value` : `${flag} takes no value`;
        default:
            return message;
    }
}

export function main(argv: readonly string[], io: CliIo): number {
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            allowPositionals: true,
            options: OPTIONS
        });
    } catch (error) {
        io.stderr.write(`switchboard: ${parseProblem(error)}\n\n${HELP}`);
        return EXIT.usage;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        io.stdout.write(HELP);
        return EXIT.ok;
    }
    if (values.version) {
        io.stdout.write(`${TOOL.version}\n`);
        return EXIT.ok;
    }
    const [command, target, ...extra] = positionals;
    if (command !== 'scan' || !target || extra.length > 0) {
        const problem =
            command !== 'scan'
                ? command
                    ? `unknown command "${command}"${suggestion(command, ['scan'], '')}`
                    : 'missing command'
                : !target
                  ? 'missing <path> to scan'
                  : `one path at a time (got ${positionals.length - 1})`;
        io.stderr.write(`switchboard: ${problem}\n\n${HELP}`);
        return EXIT.usage;
    }

    let failOn;
    let maxFileSize = DEFAULT_MAX_FILE_SIZE;
    const format = (values.format ?? 'terminal') as Format;
    try {
        failOn = parseFailOn(values['fail-on'] ?? []);
        if (values['max-file-size'] !== undefined) maxFileSize = parseSize(values['max-file-size']);
        if (!FORMATS.includes(format)) {
            throw new UsageError(`--format: "${values.format}" is not one of ${FORMATS.join(', ')}`);
        }
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        io.stderr.write(`switchboard: ${error.message}\n`);
        return EXIT.usage;
    }

    const root = resolve(io.cwd, target);
    const progress = new ProgressBar(
        values['no-progress'] || values.quiet ? { write: () => undefined, isTTY: false } : io.stderr
    );
    let report: ScanReport;
    try {
        report = scan({
            root,
            excludes: values.exclude ?? [],
            ignoreFiles: !values['no-ignore-files'],
            defaultExcludes: !values['no-default-excludes'],
            maxFileSize,
            ...(io.now ? { now: io.now } : {}),
            onProgress: (p) => progress.update(p.done, p.total, p.round)
        });
    } catch (error) {
        progress.clear();
        if (error instanceof RootNotFoundError) {
            io.stderr.write(`switchboard: ${error.message}\n`);
            return EXIT.failed;
        }
        throw error;
    }
    progress.clear();
    report.root = target;

    const rootUri = `${pathToFileURL(root).href.replace(/\/?$/, '/')}`;
    const outputs: { file: string; format: Format }[] = [];
    if (values.out) {
        const dir = resolve(io.cwd, values.out);
        outputs.push(
            { file: join(dir, 'switchboard-scan.json'), format: 'json' },
            { file: join(dir, 'switchboard-scan.sarif'), format: 'sarif' },
            { file: join(dir, 'switchboard-scan.md'), format: 'markdown' },
            { file: join(dir, 'switchboard-scan.html'), format: 'html' }
        );
    }
    for (const f of ['json', 'sarif', 'markdown', 'html'] as const) {
        const file = values[f];
        if (file) outputs.push({ file: resolve(io.cwd, file), format: f });
    }
    const written: string[] = [];
    for (const output of outputs) {
        try {
            mkdirSync(dirname(output.file), { recursive: true });
            writeFileSync(output.file, render(output.format, report, rootUri, false, []));
            written.push(output.file);
        } catch (error) {
            io.stderr.write(`switchboard: cannot write ${output.file}: ${(error as Error).message}\n`);
            return EXIT.failed;
        }
    }
    if (!values.quiet) {
        const colour = format === 'terminal' && io.stdout.isTTY === true && !io.env.NO_COLOR;
        io.stdout.write(render(format, report, rootUri, colour, written));
    }
    const blockers = blocking(report.findings, failOn);
    if (blockers.length > 0) {
        io.stderr.write(
            `switchboard: ${blockers.length} finding(s) match --fail-on ${(values['fail-on'] ?? []).join(',')}\n`
        );
        return EXIT.blocked;
    }
    return EXIT.ok;
}
