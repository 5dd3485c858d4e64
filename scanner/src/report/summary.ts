// Counts for the summary and the per-API inventory ("what to migrate, call by call").
import { ACTIONS, SEVERITIES, type Action, type Severity } from '../catalog/mapping.js';
import type { Finding, InventoryRow, ScanSummary } from '../model/report.js';
import type { Skipped } from '../model/vocabulary.js';

export interface SummaryInput {
    findings: readonly Finding[];
    filesScanned: number;
    linesScanned: number;
    bytesScanned: number;
    filesSkipped: number;
    filesIgnored: number;
    parseFallbacks: number;
    durationMs: number;
}

export function buildSummary(input: SummaryInput): ScanSummary {
    const byAction = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    const byPlatform: ScanSummary['byPlatform'] = { lightning: 0, classic: 0, console: 0, other: 0 };
    let issues = 0;
    const files = new Set<string>();
    for (const f of input.findings) {
        byAction[f.action]++;
        bySeverity[f.severity]++;
        byPlatform[f.api.platform ?? 'other']++;
        issues += f.issues.length;
        files.add(f.location.file);
    }
    return {
        filesScanned: input.filesScanned,
        filesWithFindings: files.size,
        linesScanned: input.linesScanned,
        bytesScanned: input.bytesScanned,
        filesSkipped: input.filesSkipped,
        filesIgnored: input.filesIgnored,
        parseFallbacks: input.parseFallbacks,
        findings: input.findings.length,
        issues,
        byAction,
        bySeverity,
        byPlatform,
        durationMs: input.durationMs
    };
}

/** One row per API name, most used first. */
export function buildInventory(findings: readonly Finding[]): InventoryRow[] {
    const rows = new Map<string, InventoryRow>();
    for (const f of findings) {
        if (f.thirdParty) continue; // reported apart: not the adapter's work
        const key = `${f.api.name}|${f.action}`;
        const row = rows.get(key);
        if (row) {
            row.count++;
            continue;
        }
        const r: InventoryRow = {
            api: f.api.name,
            kind: f.api.kind,
            documented: f.api.documented,
            count: 1,
            action: f.action,
            replacement: f.replacement,
            components: f.components,
            guide: f.guide
        };
        if (f.api.platform) r.platform = f.api.platform;
        rows.set(key, r);
    }
    return [...rows.values()].sort((a, b) => b.count - a.count || (a.api < b.api ? -1 : a.api > b.api ? 1 : 0));
}

/**
 * Skipped files as people read them: the files of a kind the scanner has no reader for (images, styles...) are one
 * row per kind, with a count and a few names; the JSON report lists every one.
 */
export function skippedForPeople(skipped: readonly Skipped[]): Skipped[] {
    const rows: Skipped[] = [];
    const groups = new Map<string, string[]>();
    for (const s of skipped) {
        if (s.reason !== 'not-read') rows.push(s);
        else groups.set(s.detail ?? '', [...(groups.get(s.detail ?? '') ?? []), s.file]);
    }
    for (const [detail, files] of groups) {
        if (files.length === 1) {
            rows.push({ file: files[0]!, reason: 'not-read', detail });
            continue;
        }
        const shown = files.slice(0, 3).join(', ');
        rows.push({
            file: `${files.length} files`,
            reason: 'not-read',
            detail: `${detail}: ${shown}${files.length > 3 ? ', ...' : ''}`
        });
    }
    return rows;
}
