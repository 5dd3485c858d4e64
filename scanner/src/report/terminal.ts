// The terminal summary. Colour only when asked (a TTY without NO_COLOR); plain text otherwise.
import { ACTIONS, GUIDE_PATH } from '../catalog/mapping.js';
import type { ScanReport } from '../model/report.js';

export interface TerminalOptions {
    colour: boolean;
    /** Report files written, shown at the end. */
    written?: string[];
    /** How many problems to list before "and N more". */
    maxProblems?: number;
}

/** The anchor of a guide link (`docs/migration.md#1-screen-pop` → `#1-screen-pop`): the path is said once. */
function anchor(guide: string): string {
    return guide.slice(guide.indexOf('#'));
}

const CODES = { red: 31, yellow: 33, green: 32, blue: 34, bold: 1, dim: 2 } as const;

export function renderTerminal(report: ScanReport, options: TerminalOptions): string {
    const paint = (style: keyof typeof CODES, s: string): string =>
        options.colour ? `\u001b[${CODES[style]}m${s}\u001b[0m` : s;
    const s = report.summary;
    const lines: string[] = [];
    const seconds = (s.durationMs / 1000).toFixed(2);
    lines.push(paint('bold', `Switchboard scan of ${report.root}`));
    lines.push(
        `  ${s.filesScanned} files, ${s.linesScanned} lines in ${seconds} s` +
            ` (${s.filesSkipped} skipped, ${s.filesIgnored} ignored, ${s.parseFallbacks} scanned by tokens)`
    );
    lines.push(
        `  ${s.findings} findings: ${ACTIONS.map((a) => `${s.byAction[a]} ${a}`).join(' · ')}` +
            ` | ${paint('red', `${s.bySeverity.error} error(s)`)}, ${paint('yellow', `${s.bySeverity.warning} warning(s)`)}`
    );
    if (report.inventory.length > 0) {
        lines.push('', `${paint('bold', '  Inventory')}  (guide sections: ${GUIDE_PATH}#…)`);
        const width = Math.min(60, Math.max(...report.inventory.map((r) => r.api.length)));
        for (const r of report.inventory.slice(0, 15)) {
            const comp = r.components[0]?.name ?? 'none';
            lines.push(
                `  ${String(r.count).padStart(5)}  ${r.api.padEnd(width)}  ${r.action.padEnd(9)}  ${comp}  ${anchor(r.guide)}`
            );
        }
        if (report.inventory.length > 15) lines.push(`         … and ${report.inventory.length - 15} more APIs`);
    }
    const problems = report.findings
        .filter((f) => !f.thirdParty)
        .flatMap((f) => f.issues.filter((i) => i.severity !== 'note').map((i) => ({ f, i })));
    const thirdParty = report.findings.filter((f) => f.thirdParty).length;
    if (thirdParty > 0) {
        lines.push(
            `  ${thirdParty} storage, cookie or messaging use(s) in third-party libraries, listed apart in the reports`
        );
    }
    if (problems.length > 0) {
        const max = options.maxProblems ?? 20;
        lines.push('', paint('bold', '  Problems'));
        for (const { f, i } of problems.slice(0, max)) {
            const tag = i.severity === 'error' ? paint('red', 'error  ') : paint('yellow', 'warning');
            lines.push(
                `  ${f.location.file}:${f.location.line}:${f.location.column}  ${tag}  ${i.message}  [${i.rule}]  ${anchor(f.guide)}`
            );
        }
        if (problems.length > max) lines.push(`  … and ${problems.length - max} more (see the reports)`);
    }
    if (options.written?.length) {
        lines.push('', `  Reports: ${options.written.join(', ')}`);
    }
    return `${lines.join('\n')}\n`;
}
