// Generated from scanner/src/report/html.ts by `npm run build -w @switchboard/scanner`: do not edit.
// A self-contained HTML report: no scripts, no external assets (a CSP forbids them), every value escaped.
// The chart of findings by action is an inline SVG with a text alternative and the same numbers in a table, so it
// reads without colour and with a screen reader.
import { ACTIONS } from '../catalog/mapping.js';
import { skippedForPeople } from './summary.js';
export function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
/** Colours with at least 4.5:1 contrast against white for text and bars. */
const ACTION_COLOURS = {
    eliminate: '#b3261e',
    migrate: '#0b5cad',
    replace: '#7a4a00',
    keep: '#1e6b34'
};
const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fff}
main{max-width:1240px;margin:0 auto;padding:1rem 1.25rem 3rem}.verdict{font-size:1.1rem;font-weight:600}.component,.guide{color:#444;font-size:.9em;margin-top:.25rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}.tight{white-space:nowrap}th{background:#f0f0f0}
td.num,th.num{text-align:right}code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:break-word}code.snippet{overflow-wrap:anywhere;color:#333}
.sev-error{color:#b3261e;font-weight:600}.sev-warning{color:#7a4a00;font-weight:600}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
svg text{font:13px system-ui,sans-serif;fill:#1b1b1b}
`;
function chart(report) {
    const counts = ACTIONS.map((a) => ({ action: a, count: report.summary.byAction[a] }));
    const max = Math.max(1, ...counts.map((c) => c.count));
    const barArea = 420;
    const rowHeight = 34;
    const height = counts.length * rowHeight + 10;
    const rows = counts
        .map((c, i) => {
        const y = 5 + i * rowHeight;
        const w = Math.round((c.count / max) * barArea);
        return (`<text x="0" y="${y + 20}">${c.action}</text>` +
            `<rect x="90" y="${y + 4}" width="${w}" height="22" fill="${ACTION_COLOURS[c.action]}"></rect>` +
            `<text x="${96 + w}" y="${y + 20}">${c.count}</text>`);
    })
        .join('');
    const desc = counts.map((c) => `${c.action} ${c.count}`).join(', ');
    return (`<svg role="img" aria-labelledby="chart-title chart-desc" width="560" height="${height}" viewBox="0 0 560 ${height}">` +
        `<title id="chart-title">Findings by migration action</title><desc id="chart-desc">${escapeHtml(desc)}</desc>${rows}</svg>`);
}
const code = (s) => `<code>${escapeHtml(s)}</code>`;
/** Migration effort, most first: a rewrite, a move to a counterpart, logic kept in the connector, code deleted. */
const EFFORT = { replace: 0, migrate: 1, keep: 2, eliminate: 3 };
const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 };
/** The problems, most severe first, each where it is and what to do. */
function problems(report) {
    const rows = report.findings
        .filter((f) => !f.thirdParty)
        .flatMap((f) => f.issues.map((i) => ({ f, i })))
        .sort((a, b) => SEVERITY_ORDER[a.i.severity] - SEVERITY_ORDER[b.i.severity] ||
        (a.f.location.file < b.f.location.file ? -1 : a.f.location.file > b.f.location.file ? 1 : 0) ||
        a.f.location.line - b.f.location.line);
    if (rows.length === 0)
        return ['<p>None: nothing in the scanned code is wrong today.</p>'];
    return [
        '<table><caption>Problems to fix, most severe first</caption><thead><tr><th scope="col" class="tight">Severity</th><th scope="col">Where</th><th scope="col">Problem</th><th scope="col">What to do</th></tr></thead><tbody>',
        ...rows.map(({ f, i }) => `<tr><td class="tight sev-${i.severity}">${i.severity}</td><td>${code(`${f.location.file}:${f.location.line}`)}<br>${code(f.api.name)}</td><td>${escapeHtml(i.message)}</td><td>${escapeHtml(f.replacement)}${guide(f.guide)}</td></tr>`),
        '</tbody></table>'
    ];
}
/** Storage, cookie and messaging findings in vendored or minified libraries: apart, and collapsed. */
function thirdPartySection(report) {
    const found = report.findings.filter((f) => f.thirdParty);
    if (found.length === 0)
        return [];
    const files = new Set(found.map((f) => f.location.file)).size;
    return [
        '<h2 id="third-party">Third-party code</h2>',
        `<details><summary>${found.length} storage, cookie or messaging use(s) in ${files} vendored or minified librar${files === 1 ? 'y' : 'ies'}: the libraries' own business, not in the inventory or the problems</summary>`,
        '<table><caption>Findings in third-party code</caption><thead><tr><th scope="col">Where</th><th scope="col">API</th><th scope="col">Why third-party</th></tr></thead><tbody>',
        ...found.map((f) => `<tr><td>${code(`${f.location.file}:${f.location.line}`)}</td><td>${code(f.api.name)}</td><td>${escapeHtml(f.thirdParty ?? '')}</td></tr>`),
        '</tbody></table></details>'
    ];
}
/** The one-sentence verdict: no Open CTI use is not the same as a clean migration. */
function verdict(report) {
    const s = report.summary;
    const uses = report.findings.filter((f) => f.api.kind !== 'web-platform').length;
    const files = `${s.filesScanned} file${s.filesScanned === 1 ? '' : 's'}`;
    if (uses === 0)
        return `No Open CTI use found in ${files}; ${s.filesSkipped} skipped.`;
    const found = `${uses} Open CTI use${uses === 1 ? '' : 's'} to migrate, in ${files} scanned (${s.filesSkipped} skipped)`;
    return s.bySeverity.error + s.bySeverity.warning === 0
        ? `${found}; no problems to fix first.`
        : `${found}; ${s.bySeverity.error} error(s) and ${s.bySeverity.warning} warning(s) to fix first.`;
}
/** The migration guide's section, as text: the guide is in the Switchboard repository, not beside the report. */
const guide = (link) => `<div class="guide">Guide: ${code(link)}</div>`;
const components = (c) => (c.length ? c.map((x) => escapeHtml(x.name)).join('<br>') : '—');
function findingRow(f) {
    const how = [...new Set([...f.detection, f.context === 'file' ? '' : f.context])].filter(Boolean).join(', ') || '—';
    const via = f.via ? ` via ${code(`${f.via.name}()`)} (${escapeHtml(f.via.file)}:${f.via.line})` : '';
    const issues = f.issues
        .map((i) => `<div class="sev-${i.severity}">${escapeHtml(i.severity)}: ${escapeHtml(i.message)}</div>`)
        .join('');
    const value = f.value !== undefined ? ` = ${code(f.value)}` : '';
    return (`<tr><td class="num tight">${f.location.line}:${f.location.column}</td><td>${code(f.api.name)}${value}<br><code class="snippet">${escapeHtml(f.snippet)}</code></td>` +
        // Six columns, the component under the replacement, so the table reads at 1280 px without side scrolling.
        `<td class="tight">${f.action}</td><td>${escapeHtml(f.replacement)}<div class="component">${components(f.components)}</div>${guide(f.guide)}</td>` +
        `<td>${escapeHtml(how)}${via}</td><td>${issues || '—'}</td></tr>`);
}
export function renderHtml(report) {
    const s = report.summary;
    const parts = [];
    parts.push('<!doctype html><html lang="en"><head><meta charset="utf-8">', `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`, '<meta name="viewport" content="width=device-width, initial-scale=1">', `<title>Open CTI migration scan: ${escapeHtml(report.root)}</title><style>${CSS}</style></head><body>`, '<a class="skip" href="#inventory">Skip to the inventory</a><main>', '<h1>Open CTI migration scan</h1>', `<p>Scanned ${code(report.root)}: ${s.filesScanned} files, ${s.linesScanned} lines. Generated ${escapeHtml(report.generatedAt)} by ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}.</p>`, `<p class="verdict">${escapeHtml(verdict(report))}</p>`, '<h2 id="problems">Problems to fix</h2>', ...problems(report), '<h2 id="summary">Findings by action</h2>', chart(report), '<table><caption>Findings by action (the numbers in the chart)</caption><thead><tr><th scope="col">Action</th><th scope="col" class="num">Findings</th></tr></thead><tbody>', ...ACTIONS.map((a) => `<tr><th scope="row">${a}</th><td class="num">${s.byAction[a]}</td></tr>`), `<tr><th scope="row">total</th><td class="num">${s.findings}</td></tr></tbody></table>`, `<p>${s.bySeverity.error} error(s), ${s.bySeverity.warning} warning(s), ${s.bySeverity.note} note(s). ${s.filesSkipped} file(s) skipped; ${s.parseFallbacks} code unit(s) scanned by tokens after a parse failure.</p>`);
    parts.push('<h2 id="inventory">Inventory</h2>');
    if (report.inventory.length === 0)
        parts.push(`<p>${escapeHtml(verdict(report))}</p>`);
    else {
        parts.push('<table><caption>Every API the adapter uses, with its Voice replacement, most migration effort first (replace, migrate, keep, eliminate)</caption><thead><tr>', '<th scope="col">API</th><th scope="col">Platform</th><th scope="col" class="num">Uses</th><th scope="col">Action</th><th scope="col">Voice replacement</th><th scope="col">Switchboard component</th></tr></thead><tbody>', ...[...report.inventory]
            .sort((a, b) => EFFORT[a.action] - EFFORT[b.action] || b.count - a.count)
            .map((r) => `<tr><td>${code(r.api)}${r.documented ? '' : ' (not documented)'}</td><td class="tight">${r.platform ?? '—'}</td><td class="num tight">${r.count}</td><td class="tight">${r.action}</td><td>${escapeHtml(r.replacement)}${guide(r.guide)}</td><td>${components(r.components)}</td></tr>`), '</tbody></table>');
    }
    parts.push('<h2 id="findings">Findings by file</h2>');
    const byFile = new Map();
    for (const f of report.findings.filter((x) => !x.thirdParty))
        byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), f]);
    if (byFile.size === 0)
        parts.push('<p>None.</p>');
    for (const [file, findings] of byFile) {
        parts.push(`<h3>${code(file)}</h3><table><caption>Findings in ${escapeHtml(file)}</caption><thead><tr>`, '<th scope="col" class="num">Line</th><th scope="col">API and code</th><th scope="col">Action</th><th scope="col">Voice replacement and component</th><th scope="col">Found through</th><th scope="col">Problems</th></tr></thead><tbody>', ...findings.map(findingRow), '</tbody></table>');
    }
    parts.push(...thirdPartySection(report));
    const saveLogs = report.findings.filter((f) => f.saveLog && f.saveLog.fields.length > 0);
    if (saveLogs.length > 0) {
        parts.push('<h2 id="savelog">saveLog fields</h2><table><caption>Fields written with saveLog and where they live on VoiceCall</caption><thead><tr>', '<th scope="col">Where</th><th scope="col">Field</th><th scope="col">VoiceCall</th><th scope="col">Kind</th><th scope="col">Note</th></tr></thead><tbody>');
        for (const f of saveLogs) {
            for (const field of f.saveLog.fields) {
                parts.push(`<tr><td>${code(`${f.location.file}:${f.location.line}`)}</td><td>${code(field.source)}</td><td>${field.target ? code(field.target) : '—'}</td><td>${field.kind}</td><td>${escapeHtml(field.note)}</td></tr>`);
            }
        }
        parts.push('</tbody></table>');
    }
    parts.push('<h2 id="skipped">Skipped files and parse fallbacks</h2>');
    if (report.skipped.length === 0 && report.parseFallbacks.length === 0)
        parts.push('<p>None.</p>');
    else {
        parts.push('<table><caption>Files not scanned, and code scanned by tokens only</caption><thead><tr><th scope="col">File</th><th scope="col">Reason</th><th scope="col">Detail</th></tr></thead><tbody>', ...skippedForPeople(report.skipped).map((k) => `<tr><td>${code(k.file)}</td><td>${k.reason}</td><td>${escapeHtml(k.detail ?? '')}</td></tr>`), ...report.parseFallbacks.map((p) => `<tr><td>${code(`${p.file}:${p.line}:${p.column}`)}</td><td>${p.reason}</td><td>${escapeHtml(p.message)}</td></tr>`), '</tbody></table>');
    }
    parts.push('</main></body></html>');
    return `${parts.join('\n')}\n`;
}
