// Runs a scan: walk the tree, read each file once, cut it into code units, analyse, classify, and assemble the
// report. Wrappers and aliases defined in one file and used in another are resolved in extra rounds: after each
// round the exports of every file form a registry, and files that mention an exported name are analysed again.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { EMPTY_REGISTRY, type ExportRegistry, type PortableRef } from './analysis/detections.js';
import type { CallCenterItem } from './extract/call-center.js';
import { guideLink, worse, type Severity } from './catalog/mapping.js';
import type { ObjectCatalog } from './catalog/save-log-fields.js';
import { isZip, readZip } from './discovery/archive.js';
import { fileKind } from './discovery/file-kinds.js';
import {
    MAX_FILE_SIZE_CEILING,
    RootNotFoundError,
    walk,
    nodeFileSystem,
    type FileSystem,
    type Skipped,
    type WalkEntry
} from './discovery/walk.js';
import {
    FileScanner,
    auraHelperKey,
    dependencySignature,
    effectiveMaxFileSize,
    within,
    type CenterDefinition,
    type FileOutcome,
    type Placed
} from './file-scan.js';
import type { Finding, ScanReport } from './model/report.js';
import { ReadAhead, type AheadFile } from './read-ahead.js';
import { BASE_PREFILTER } from './read-file.js';
import { SCHEMA_ID, SCHEMA_VERSION, TOOL } from './model/report.js';
import { buildInventory, buildSummary } from './report/summary.js';
import { governingModes, type CallCenterInfo } from './rules/adapters.js';
import { compatibility } from './rules/call-center.js';
import { classicInLightningIssue, lightningCounterpartOf } from './rules/classify.js';

export { DEFAULT_MAX_FILE_SIZE, loadGateCatalog, snippetAt } from './file-scan.js';

const MAX_ROUNDS = 6;

export interface ScanOptions {
    root: string;
    excludes?: string[];
    ignoreFiles?: boolean;
    defaultExcludes?: boolean;
    maxFileSize?: number;
    fs?: FileSystem;
    /** VoiceCall/Task fields; defaults to the standard-object catalog. */
    catalog?: ObjectCatalog;
    now?: () => Date;
    clock?: () => number;
    onProgress?: (progress: { done: number; total: number; round: number }) => void;
}

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the registry other files resolve globals and imports against. */
function registryOf(outcomes: Iterable<FileOutcome>): ExportRegistry {
    const globals = new Map<string, PortableRef>();
    const modules = new Map<string, Record<string, PortableRef>>();
    for (const o of outcomes) {
        if (o.auraHelper) modules.set(auraHelperKey(o.rel), { helper: o.auraHelper });
        for (const [name, ref] of Object.entries(o.exports.globals)) if (!globals.has(name)) globals.set(name, ref);
        if (Object.keys(o.exports.moduleExports).length > 0) modules.set(o.rel, o.exports.moduleExports);
    }
    return { globals, modules };
}

function registryNames(registry: ExportRegistry): string[] {
    const names = new Set<string>(registry.globals.keys());
    for (const [rel, exports] of registry.modules) {
        for (const name of Object.keys(exports)) if (name !== 'default') names.add(name);
        const base = posix.basename(rel).replace(/\.[^.]+$/, '');
        if (base) names.add(base);
    }
    return [...names].filter((n) => /^[\w$]+$/.test(n));
}

function registrySignature(registry: ExportRegistry): string {
    return JSON.stringify([[...registry.globals.entries()], [...registry.modules.entries()]]);
}

/**
 * Replaces each zipped static resource by its entries (`Bundle.resource!/js/adapter.js`); an archive that cannot
 * be read is listed as skipped. Nested archives are not opened.
 */
function expandArchives(
    entries: readonly WalkEntry[],
    fs: FileSystem,
    maxFileSize: number,
    skipped: Skipped[]
): WalkEntry[] {
    const out: WalkEntry[] = [];
    for (const e of entries) {
        if (e.kind.kind !== 'static-resource') {
            out.push(e);
            continue;
        }
        let bytes: Uint8Array;
        try {
            bytes = fs.readFile(e.path, maxFileSize);
        } catch {
            out.push(e); // reported as unreadable when processed
            continue;
        }
        if (!isZip(bytes)) {
            out.push(e);
            continue;
        }
        // Entries the scanner reads, extension-less ones (sniffed), and nested zips (listed as skipped).
        const keep = (name: string): boolean =>
            fileKind(name) !== undefined ||
            name.endsWith('.zip') ||
            !name.slice(name.lastIndexOf('/') + 1).includes('.');
        const zip = readZip(
            bytes,
            {
                maxEntrySize: maxFileSize,
                maxTotalSize: Math.min(10 * maxFileSize, 2 * MAX_FILE_SIZE_CEILING),
                maxEntries: 10_000
            },
            keep
        );
        if (zip.error) {
            skipped.push({ file: e.rel, reason: 'archive', detail: `cannot read the zip: ${zip.error}` });
            continue;
        }
        for (const entry of zip.entries) {
            out.push({
                path: `${e.path}!/${entry.name}`,
                rel: `${e.rel}!/${entry.name}`,
                size: entry.content.length,
                kind: fileKind(entry.name) ?? { kind: 'static-resource' },
                content: entry.content
            });
        }
        for (const s of zip.skipped) {
            skipped.push({
                file: `${e.rel}!/${s.name}`,
                reason: s.reason === 'unreadable' ? 'unreadable' : 'too-large',
                detail: s.detail
            });
        }
    }
    return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

function fingerprint(parts: readonly string[]): string {
    return createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 16);
}

/**
 * One call center, however many definitions give it (issue 16, items 3 and 5): an import XML beside the retrieved
 * metadata, or two Markdown blocks, with the same internal name. Definitions are taken in path order; the first to
 * give an item keeps its finding, and the same item in a later definition is no finding of its own; when its value
 * differs, the kept finding says where and how (`call-center-conflict`). The compatibility mode is decided on the
 * merged items, as for one definition, and governs the folders and pages of every file that defines the center.
 */
function reconcileCenters(outcomes: readonly FileOutcome[]): CallCenterInfo[] {
    const groups = new Map<string, { outcome: FileOutcome; def: CenterDefinition }[]>();
    let anonymous = 0;
    for (const outcome of [...outcomes].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) {
        for (const def of outcome.callCenters) {
            const key = def.name !== undefined ? `name:${def.name}` : `anonymous:${anonymous++}`;
            const group = groups.get(key) ?? [];
            group.push({ outcome, def });
            groups.set(key, group);
        }
    }
    const centers: CallCenterInfo[] = [];
    for (const group of groups.values()) {
        const merged: { item: CallCenterItem; placed: Placed }[] = [];
        for (const { outcome, def } of group) {
            for (const { item, placed } of def.items) {
                const p = outcome.placed[placed]!;
                const same = merged.find(
                    (m) =>
                        m.item.name === item.name &&
                        (m.item.section === item.section || !m.item.section || !item.section)
                );
                if (!same) {
                    merged.push({ item, placed: p });
                    continue;
                }
                p.duplicate = true;
                if (same.item.value.trim() !== item.value.trim()) {
                    const where = `${outcome.rel}:${p.at?.line ?? 1}`;
                    same.placed.draft.issues = [
                        ...same.placed.draft.issues,
                        {
                            rule: 'call-center-conflict',
                            severity: 'warning',
                            message: `call center ${def.name ?? ''} is defined again in ${where}, with ${item.name} "${item.value.trim()}": the org has one of the two values; this report reads this one`
                        }
                    ];
                }
            }
        }
        const { mode, issue } = compatibility(merged.map((m) => m.item));
        if (issue) {
            const draft = merged[issue.index]!.placed.draft;
            draft.issues = [...draft.issues, { rule: issue.rule, severity: issue.severity, message: issue.message }];
        }
        const adapterUrl = merged.find((m) => m.item.name === 'reqAdapterUrl')?.item.value.trim();
        for (const rel of new Set(group.map((g) => g.outcome.rel))) {
            centers.push({ rel, mode, ...(adapterUrl ? { adapterUrl } : {}) });
        }
    }
    return centers;
}

/** `lightningAdapter`: the file's adapter is governed by a Lightning-only call center. */
function toFindings(outcome: FileOutcome, lightningAdapter: boolean): Finding[] {
    const seen = new Map<string, number>();
    const findings: Finding[] = [];
    for (const p of outcome.placed) {
        if (p.duplicate) continue;
        const at = p.at ?? { line: 1, column: 1, endLine: 1, endColumn: 1, snippet: '' };
        const snippet = at.snippet;
        const issues = [...p.draft.issues];
        const platform = p.draft.api.platform;
        if (
            (platform === 'classic' || platform === 'console') &&
            p.draft.api.kind !== 'library' &&
            p.draft.api.kind !== 'console-toolkit' &&
            (outcome.lightningContext || lightningAdapter)
        ) {
            issues.push(classicInLightningIssue(p.draft.api, lightningCounterpartOf(p.draft.api.name)));
        }
        const severity = issues.reduce<Severity>((s, i) => worse(s, i.severity), 'note');
        const key = [p.draft.rule, outcome.rel, p.draft.api.name, snippet.replace(/\s+/g, ' ')].join('|');
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        const mapping = p.draft.mapping;
        const finding: Finding = {
            id: fingerprint([key, String(n)]),
            rule: p.draft.rule,
            api: p.draft.api,
            usage: p.draft.usage,
            location: {
                file: outcome.rel,
                line: at.line,
                column: at.column,
                endLine: at.endLine,
                endColumn: at.endColumn
            },
            context: p.context,
            detection: p.detection,
            action: mapping.action,
            replacement: mapping.replacement,
            components: [...mapping.components],
            basis: mapping.basis,
            guide: guideLink(mapping.guide),
            severity,
            issues,
            snippet
        };
        if (mapping.unconfirmed) finding.unconfirmed = mapping.unconfirmed;
        if (p.via) finding.via = p.via;
        if (p.draft.saveLog) finding.saveLog = p.draft.saveLog;
        if (p.value !== undefined) finding.value = p.value;
        // Only the web-platform findings of a library are its own business; an Open CTI call in it is the adapter's.
        if (outcome.thirdParty && p.draft.api.kind === 'web-platform') finding.thirdParty = outcome.thirdParty;
        findings.push(finding);
    }
    return findings;
}

/** Scans a tree (or one file) and returns the report. Throws RootNotFoundError when the root cannot be read. */
export function scan(options: ScanOptions): ScanReport {
    const clock = options.clock ?? (() => performance.now());
    const started = clock();
    const maxFileSize = effectiveMaxFileSize(options.maxFileSize);
    const walked = walk({
        root: options.root,
        excludes: options.excludes ?? [],
        ignoreFiles: options.ignoreFiles !== false,
        defaultExcludes: options.defaultExcludes !== false,
        maxFileSize,
        ...(options.fs ? { fs: options.fs } : {})
    });
    const archiveSkips: Skipped[] = [];
    const files = expandArchives(walked.files, options.fs ?? nodeFileSystem, maxFileSize, archiveSkips);
    const scanner = new FileScanner(
        {
            maxFileSize,
            ...(options.fs ? { fs: options.fs } : {}),
            ...(options.catalog ? { catalog: options.catalog } : {})
        },
        files
    );
    const outcomes = new Map<string, FileOutcome>();
    let registry = EMPTY_REGISTRY;
    let filter = BASE_PREFILTER;
    let targets: readonly WalkEntry[] = files;
    // A large tree is read from both ends in the first round: see read-ahead.ts.
    const ahead = options.fs ? undefined : ReadAhead.start(files, maxFileSize);
    /** The files whose text the worker keeps (it answers the next round's question about them). */
    const heldByWorker = new Set<string>();
    for (let round = 1; round <= MAX_ROUNDS && targets.length > 0; round++) {
        let done = 0;
        const progress = (): void => options.onProgress?.({ done: ++done, total: targets.length, round });
        if (round === 1 && ahead) {
            const results: FileOutcome[] = [];
            const take = ({ index, read, kept }: AheadFile): void => {
                const entry = files[index]!;
                results[index] = scanner.analyse(entry, read, registry, filter);
                if (kept) heldByWorker.add(entry.rel);
                progress();
            };
            let front = 0;
            while (ahead.claim()) {
                results[front] = scanner.process(files[front]!, registry, filter);
                front++;
                progress();
                ahead.drain(take);
            }
            if (!ahead.finish(take)) {
                for (const [index, entry] of files.entries()) {
                    if (results[index]) continue;
                    results[index] = scanner.process(entry, registry, filter);
                    progress();
                }
            }
            for (const [index, entry] of files.entries()) outcomes.set(entry.rel, results[index]!);
        } else {
            for (const entry of targets) {
                // A later round analyses a file again with the other files' wrappers known, and replaces its result.
                outcomes.set(entry.rel, scanner.process(entry, registry, filter));
                progress();
            }
        }
        const next = registryOf(outcomes.values());
        if (registrySignature(next) === registrySignature(registry)) break;
        registry = next;
        const names = registryNames(registry);
        if (names.length === 0) break;
        filter = new RegExp(`${BASE_PREFILTER.source}|\\b(?:${names.map(escapeRegExp).join('|')})\\b`);
        const mentions = new RegExp(`\\b(?:${names.map(escapeRegExp).join('|')})\\b`, 'g');
        const mentionedInWorker = heldByWorker.size > 0 ? ahead?.mentioning(mentions.source) : undefined;
        const mentionedAt = new Map(files.map((e, index) => [e.rel, index]));
        targets = files.filter((e) => {
            const o = outcomes.get(e.rel);
            if (!o || o.skipped) return false;
            // A file is analysed again when something its parsed code looked up changed, or when an exported name
            // appears in its unparsed text.
            if (dependencySignature(registry, o.dependencies) !== o.dependencySignature) return true;
            if (o.unparsed.length === 0) return false;
            // A file the worker kept is all unparsed: whether it mentions a name is all there is to ask.
            if (mentionedInWorker && heldByWorker.has(e.rel)) return mentionedInWorker.has(mentionedAt.get(e.rel)!);
            try {
                for (const m of scanner.text(e).matchAll(mentions)) if (within(o.unparsed, m.index)) return true;
            } catch {
                return false;
            }
            return false;
        });
    }

    ahead?.stop();
    const all = [...outcomes.values()];
    const rootFile = walked.files.length === 1 && walked.files[0]!.path === options.root ? all[0] : undefined;
    if (rootFile?.skipped?.reason === 'unreadable') {
        throw new RootNotFoundError(`cannot read ${options.root}: ${rootFile.skipped.detail ?? 'unreadable'}`);
    }
    const centers = reconcileCenters(all);
    const modes = governingModes(
        centers,
        all.filter((o) => !o.skipped).map((o) => o.rel),
        (rel) => {
            const entry = files.find((e) => e.rel === rel);
            try {
                return entry ? scanner.text(entry) : undefined;
            } catch {
                return undefined;
            }
        }
    );
    const findings = all
        .flatMap((o) => toFindings(o, modes.get(o.rel) === 'Lightning'))
        .sort(
            (a, b) =>
                (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
                a.location.line - b.location.line ||
                a.location.column - b.location.column ||
                (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
        );
    const skipped = [...walked.skipped, ...archiveSkips, ...all.flatMap((o) => (o.skipped ? [o.skipped] : []))].sort(
        (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
    );
    const parseFallbacks = all.flatMap((o) => o.fallbacks);
    const scanned = all.filter((o) => !o.skipped);
    const summary = buildSummary({
        findings,
        filesScanned: scanned.length,
        linesScanned: scanned.reduce((n, o) => n + o.lines, 0),
        bytesScanned: scanned.reduce((n, o) => n + o.bytes, 0),
        filesSkipped: skipped.length,
        filesIgnored: walked.ignored,
        parseFallbacks: parseFallbacks.length,
        durationMs: Math.round(clock() - started)
    });
    return {
        schema: SCHEMA_ID,
        schemaVersion: SCHEMA_VERSION,
        tool: { ...TOOL },
        generatedAt: (options.now?.() ?? new Date()).toISOString(),
        root: options.root.split('\\').join('/'),
        options: {
            maxFileSize,
            excludes: [...(options.excludes ?? [])],
            ignoreFiles: options.ignoreFiles !== false,
            defaultExcludes: options.defaultExcludes !== false
        },
        summary,
        inventory: buildInventory(findings),
        findings,
        skipped,
        parseFallbacks
    };
}
