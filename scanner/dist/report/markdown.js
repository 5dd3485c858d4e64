// Generated from scanner/src/report/markdown.ts by `npm run build -w @switchboard/scanner`: do not edit.
// The Markdown report: summary, inventory, problems, findings by file, saveLog fields, skipped files.
import { ACTIONS, GUIDE_PATH } from '../catalog/mapping.js';
import { skippedForPeople } from './summary.js';
/** Escapes text for a Markdown table cell (pipes, line breaks, emphasis and HTML characters). */
export function cell(text) {
    return text
        .replace(/\\/g, '\\\\')
        .replace(/\|/g, '\\|')
        .replace(/[\r\n]+/g, ' ')
        .replace(/([*_[\]<>`])/g, '\\$1');
}
/** Inline code that survives any content (backticks inside are handled with a longer fence). */
export function code(text) {
    const clean = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
    const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
    const fence = '`'.repeat(longest + 1);
    const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${clean}${pad}${fence}`;
}
const where = (f) => `${f.location.file}:${f.location.line}:${f.location.column}`;
const components = (f) => f.components.length ? f.components.map((c) => cell(c.name)).join('<br>') : '—';
export function renderMarkdown(report) {
    const s = report.summary;
    const out = [];
    out.push('# Open CTI migration scan', '');
    out.push(`Scanned ${code(report.root)}: ${s.filesScanned} files, ${s.linesScanned} lines. ` +
        `Generated ${report.generatedAt} by ${report.tool.name} ${report.tool.version} (report schema ${report.schemaVersion}).`, '');
    out.push('## Summary', '');
    out.push('| Action | Findings |', '| --- | ---: |');
    for (const a of ACTIONS)
        out.push(`| ${a} | ${s.byAction[a]} |`);
    out.push(`| **total** | **${s.findings}** |`, '');
    out.push(`Severity: ${s.bySeverity.error} error(s), ${s.bySeverity.warning} warning(s), ${s.bySeverity.note} note(s). ` +
        `Platforms: ${s.byPlatform.lightning} Lightning, ${s.byPlatform.classic} Classic, ${s.byPlatform.console} Console, ${s.byPlatform.other} other. ` +
        `Skipped files: ${s.filesSkipped}. Scanned by tokens after a parse failure: ${s.parseFallbacks}.`, '');
    out.push('## Inventory', '');
    if (report.inventory.length === 0)
        out.push('No Open CTI usage found.', '');
    else {
        out.push(`The guide column names the section of the migration guide (\`${GUIDE_PATH}\` in the Switchboard repository) that shows the replacement and how to verify it.`, '');
        out.push('| API | Platform | Uses | Action | Voice replacement | Switchboard component | Guide |');
        out.push('| --- | --- | ---: | --- | --- | --- | --- |');
        for (const r of report.inventory) {
            const api = r.documented ? code(r.api) : `${code(r.api)} (not documented)`;
            out.push(`| ${api} | ${r.platform ?? '—'} | ${r.count} | ${r.action} | ${cell(r.replacement)} | ${components(r)} | ${code(r.guide)} |`);
        }
        out.push('');
    }
    const problems = report.findings.filter((f) => !f.thirdParty).flatMap((f) => f.issues.map((i) => ({ f, i })));
    out.push('## Problems to fix', '');
    if (problems.length === 0)
        out.push('None.', '');
    else {
        out.push('| Where | Severity | Rule | Problem | Guide |', '| --- | --- | --- | --- | --- |');
        for (const { f, i } of problems) {
            out.push(`| ${code(where(f))} | ${i.severity} | ${i.rule} | ${cell(i.message)} | ${code(f.guide)} |`);
        }
        out.push('');
    }
    out.push('## Findings by file', '');
    const own = report.findings.filter((f) => !f.thirdParty);
    let file = '';
    for (const f of own) {
        if (f.location.file !== file) {
            file = f.location.file;
            out.push(`### ${code(file)}`, '');
            out.push('| Line | API | Action | Voice replacement | Component | Found through | Guide |');
            out.push('| ---: | --- | --- | --- | --- | --- | --- |');
        }
        const how = [...new Set([...f.detection, f.context === 'file' ? '' : f.context])].filter(Boolean).join(', ') ||
            '—';
        const via = f.via ? ` via ${code(`${f.via.name}()`)} (${cell(f.via.file)}:${f.via.line})` : '';
        const value = f.value !== undefined ? ` = ${code(f.value)}` : '';
        const next = [
            f.location.line,
            `${code(f.api.name)}${value}`,
            f.action,
            cell(f.replacement),
            components(f),
            `${cell(how)}${via}`,
            code(f.guide)
        ];
        out.push(`| ${next.join(' | ')} |`);
        const nextFinding = own[own.indexOf(f) + 1];
        if (!nextFinding || nextFinding.location.file !== file)
            out.push('');
    }
    const thirdParty = report.findings.filter((f) => f.thirdParty);
    if (thirdParty.length > 0) {
        out.push('## Third-party code', '', `${thirdParty.length} storage, cookie or messaging use(s) in vendored or minified libraries: the libraries' own business, not in the inventory or the problems.`, '', '<details><summary>The list</summary>', '', '| Where | API | Why third-party |', '| --- | --- | --- |', ...thirdParty.map((f) => `| ${code(`${f.location.file}:${f.location.line}`)} | ${code(f.api.name)} | ${cell(f.thirdParty ?? '')} |`), '', '</details>', '');
    }
    const saveLogs = report.findings.filter((f) => f.saveLog);
    if (saveLogs.length > 0) {
        out.push('## saveLog fields', '');
        out.push('Each field an adapter writes with saveLog, and where it lives on VoiceCall.', '');
        out.push('| Where | Field | VoiceCall | Kind | Set by | Note |', '| --- | --- | --- | --- | --- | --- |');
        for (const f of saveLogs) {
            const mapping = f.saveLog;
            if (mapping.fields.length === 0) {
                out.push(`| ${code(where(f))} | — | — | — | — | The value object is built where the scanner cannot see it (a parameter, another file): see the calls that pass it |`);
            }
            for (const field of mapping.fields) {
                const flags = field.kind === 'voicecall-field'
                    ? ` (${field.createable ? 'createable' : 'read-only'}${field.updateable ? ', updateable' : ''})`
                    : '';
                out.push(`| ${code(where(f))} | ${code(field.source)} | ${field.target ? code(field.target) : '—'}${flags} | ${field.kind} | ${field.setBy?.join(', ') ?? '—'} | ${cell(field.note)} |`);
            }
            if (!mapping.complete && mapping.fields.length > 0) {
                out.push(`| ${code(where(f))} | … | | | | More fields are added where the scanner cannot see them |`);
            }
        }
        out.push('');
    }
    out.push('## Skipped files', '');
    if (report.skipped.length === 0)
        out.push('None.', '');
    else {
        out.push('| File | Reason | Detail |', '| --- | --- | --- |');
        for (const k of skippedForPeople(report.skipped))
            out.push(`| ${code(k.file)} | ${k.reason} | ${cell(k.detail ?? '')} |`);
        out.push('');
    }
    out.push('## Parse fallbacks', '');
    if (report.parseFallbacks.length === 0)
        out.push('None: every code unit was parsed.', '');
    else {
        out.push('| Where | Reason | Message |', '| --- | --- | --- |');
        for (const p of report.parseFallbacks) {
            out.push(`| ${code(`${p.file}:${p.line}:${p.column}`)} | ${p.reason} | ${cell(p.message)} |`);
        }
        out.push('');
    }
    return `${out.join('\n').trimEnd()}\n`;
}
