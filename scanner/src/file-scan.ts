// Reads and analyses one file of a scan: read it once, pre-filter it, cut it into code units (scripts, markup's
// scripts, Markdown fences, call-center definitions), analyse the units that can lead to a finding, and place the
// findings at their lines. `scan.ts` runs it over the tree, round after round. A file's outcome is plain data: the
// offsets are placed at lines before the file's text is dropped.
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { Detection, ExportRegistry, FileExports, PortableRef, Trait } from './analysis/detections.js';
import { NestingTooDeepError, analyzeJavaScript } from './analysis/javascript.js';
import { maskUnconnected, type Masked } from './analysis/mask.js';
import { topLevelCuts } from './analysis/split.js';
import { textScan } from './analysis/text-scan.js';
import { tokenScan } from './analysis/token-scan.js';
import { objectCatalogFrom, type ObjectCatalog } from './catalog/save-log-fields.js';
import { staticResourceKind, type FileKind } from './discovery/file-kinds.js';
import {
    MAX_FILE_SIZE_CEILING,
    nodeFileSystem,
    readBoundedTransient,
    type FileSystem,
    type Skipped,
    type WalkEntry
} from './discovery/walk.js';
import {
    extractCallCenter,
    looksLikeCallCenter,
    type CallCenterDefinition,
    type CallCenterItem
} from './extract/call-center.js';
import { extractFences } from './extract/markdown.js';
import { extractMarkup, type CodeUnit, type LibraryInclude } from './extract/markup.js';
import { LineIndex } from './line-index.js';
import { decode, readAndFilter, type ReadResult } from './read-file.js';
import type { Context, ParseFallback } from './model/report.js';
import { thirdPartyReason } from './rules/third-party.js';
import { callCenterDraft } from './rules/call-center.js';
import { classifyDetection, libraryDraft, type Draft } from './rules/classify.js';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/**
 * Scripts over 256 KB are analysed in pieces of about 16 KB (see analysis/split.ts). A 3 MB bundle's syntax tree,
 * held whole, made garbage collection most of the scan (4.5 s of CPU, 450 MB); pieces die young (2.3 s, 125 MB).
 */
const CUT_SCRIPTS_OVER = 256 * 1024;
const SCRIPT_PIECE = 16 * 1024;
/** Third-party files larger than this, without an Open CTI word, are read by tokens (see `process`). */
const LARGE_LIBRARY = 256 * 1024;
const OPEN_CTI_WORD = /sforce|opencti/;
/** JavaScript files, as opposed to markup whose scripts are units of their own. */
const isScriptFile = (entry: WalkEntry): boolean => entry.kind.kind === 'script';

/** What the analysis of one code unit gives the file's outcome. */
interface UnitResult {
    detections: Detection[];
    exports: FileExports;
    dependencies: string[];
    fallback?: ParseFallback;
    bundleObject?: PortableRef;
    /** The statements blanked (analysis/mask.ts), in the unit's offsets: later rounds match names there as text. */
    partial?: [number, number][];
}

/** Characters of unparsed files' text kept in memory for later rounds (see `FileScanner.text`). */
const TEXT_CACHE_BYTES = 32 * 1024 * 1024;

/** Units longer than this are masked (analysis/mask.ts) before they are parsed; shorter ones parse in no time. */
const MASK_OVER = 2048;

/** The limit a scan applies: `--max-file-size`, never past the ceiling one process can hold. */
export function effectiveMaxFileSize(requested: number | undefined): number {
    return Math.min(requested ?? DEFAULT_MAX_FILE_SIZE, MAX_FILE_SIZE_CEILING);
}

/** The standard-object catalog the gate checks with too (`@switchboard/catalog`): the source of VoiceCall fields. */
export function loadGateCatalog(): ObjectCatalog {
    const url = new URL(import.meta.resolve('@switchboard/catalog/standard-objects.json'));
    return objectCatalogFrom(JSON.parse(readFileSync(url, 'utf8')));
}

export interface Placed {
    draft: Draft;
    start: number;
    end: number;
    /** Filled before the file's text is dropped, so that outcomes do not keep whole files in memory. */
    at?: { line: number; column: number; endLine: number; endColumn: number; snippet: string };
    context: Context;
    detection: Trait[];
    via?: Detection['via'];
    value?: string;
    /** A call-center item another definition of the same call center already gave: not a finding of its own. */
    duplicate?: boolean;
}

/** One call-center definition as placed in its file's findings. */
export interface CenterDefinition {
    /**
     * The call center it defines: its `reqInternalName`, else a metadata file's name (a metadata component's
     * fullName, which for CallCenter the scanner takes as the internal name: unconfirmed). Undefined: unknown.
     */
    name?: string;
    /** Each item, and the index of its finding in `placed`. */
    items: { item: CallCenterItem; placed: number }[];
}

export interface FileOutcome {
    rel: string;
    lines: number;
    bytes: number;
    placed: Placed[];
    exports: FileExports;
    fallbacks: ParseFallback[];
    lightningContext: boolean;
    /** Why the file is third-party code (a vendored or minified library), if it is. */
    thirdParty?: string;
    /**
     * The call-center definitions in this file (a Markdown file may hold several). Their compatibility mode is
     * decided once every file is read, since one call center can be defined in two files (see `reconcileCenters`).
     */
    callCenters: CenterDefinition[];
    /** Aura helpers: the bundle object, keyed by the bundle folder in the registry. */
    auraHelper?: PortableRef;
    /** Registry entries the analysis looked up; with `dependencySignature`, says when to analyse again. */
    dependencies: string[];
    dependencySignature: string;
    /**
     * The text no parse read ([start, end) offsets, sorted): units without a keyword, statements masked out, token
     * scans, other languages. A later round analyses the file again when a name another file exports appears there
     * (or when something its parsed code looked up changed).
     */
    unparsed: [number, number][];
    skipped?: Skipped;
}

/** Aura bundle files: `aura/<bundle>/<bundle>(Controller|Helper|Renderer).js`. */
const AURA_FILE = /(^|\/)aura\/([^/]+)\/\2(Controller|Helper|Renderer)\.js$/;

/** The registry key under which a bundle's helper is found from any file of the bundle. */
export function auraHelperKey(rel: string): string {
    return `aura-helper:${posix.dirname(rel)}`;
}

/**
 * Fences of one Markdown file as one unit: the text from the first to the last, the prose between them blanked
 * (line breaks kept, so lines and offsets stay the file's) and opened by a `;`, so no sample runs into the next.
 */
function combineFences(text: string, fences: readonly CodeUnit[]): CodeUnit {
    const sorted = [...fences].sort((a, b) => a.offset - b.offset);
    const first = sorted[0]!;
    const parts: string[] = [];
    let at = first.offset;
    for (const fence of sorted) {
        if (fence.offset > at) {
            const gap = text.slice(at, fence.offset).replace(/[^\n]/g, ' ');
            const lead = gap.search(/[^\n]/);
            parts.push(lead < 0 ? gap : `${gap.slice(0, lead)};${gap.slice(lead + 1)}`);
        }
        parts.push(fence.text);
        at = fence.offset + fence.text.length;
    }
    return { text: parts.join(''), offset: first.offset, language: 'js', context: 'markdown-fence' };
}

/** The whole file, as an unparsed range. */
const ALL: [number, number] = [0, Number.MAX_SAFE_INTEGER];

/** Whether `offset` lies in one of the sorted, disjoint ranges. */
export function within(ranges: readonly [number, number][], offset: number): boolean {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [start, end] = ranges[mid]!;
        if (offset < start) hi = mid - 1;
        else if (offset >= end) lo = mid + 1;
        else return true;
    }
    return false;
}

/** Sorted, with overlapping ranges joined, as `within` needs them. */
function joined(ranges: [number, number][]): [number, number][] {
    const out: [number, number][] = [];
    for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
        const last = out[out.length - 1];
        if (last && start <= last[1]) last[1] = Math.max(last[1], end);
        else out.push([start, end]);
    }
    return out;
}

/** What a file's dependencies resolve to in a registry. */
export function dependencySignature(registry: ExportRegistry, dependencies: readonly string[]): string {
    if (dependencies.length === 0) return '';
    return JSON.stringify(
        dependencies.map((d) =>
            d.startsWith('global:')
                ? (registry.globals.get(d.slice(7)) ?? null)
                : (registry.modules.get(d.slice(7)) ?? null)
        )
    );
}

/** What a file scanner needs to know of the scan. */
export interface FileScannerSettings {
    /** The limit the scan applies (`effectiveMaxFileSize`). */
    maxFileSize: number;
    /** Default: the real file system. */
    fs?: FileSystem;
    /** Default: `loadGateCatalog()`, read when the first finding is classified. */
    catalog?: ObjectCatalog;
}

/** Reads and analyses the files of one scan, one at a time (`process`). */
export class FileScanner {
    private readonly fs: FileSystem;
    private catalogLoaded?: ObjectCatalog;
    private readonly maxFileSize: number;
    private readonly files: Set<string>;

    constructor(
        private readonly settings: FileScannerSettings,
        entries: readonly WalkEntry[]
    ) {
        this.fs = settings.fs ?? nodeFileSystem;
        this.files = new Set(entries.map((e) => e.rel));
        this.maxFileSize = settings.maxFileSize;
    }

    /** Read when the first finding is classified: a scan with nothing to classify never parses the 160 KB file. */
    private get catalog(): ObjectCatalog {
        this.catalogLoaded ??= this.settings.catalog ?? loadGateCatalog();
        return this.catalogLoaded;
    }

    resolveModule(from: string, specifier: string): string | undefined {
        if (!specifier.startsWith('.')) return undefined;
        const base = posix.normalize(posix.join(posix.dirname(from), specifier));
        const stem = base.replace(/\.(m|c)?js$/, '');
        const candidates = [
            base,
            ...['.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts'].map((ext) => stem + ext),
            ...['index.js', 'index.ts', 'index.mjs'].map((i) => posix.join(base, i))
        ];
        return candidates.find((c) => this.files.has(c));
    }

    read(entry: WalkEntry): Uint8Array {
        return entry.content ?? this.fs.readFile(entry.path, this.maxFileSize);
    }

    /**
     * `read`, for bytes decoded at once: from the real file system, into one buffer every such read shares (a buffer
     * per file was an allocation, and garbage, per file; see `readBoundedTransient`).
     */
    private readToDecode(entry: WalkEntry): Uint8Array {
        if (entry.content || this.fs !== nodeFileSystem) return this.read(entry);
        return readBoundedTransient(entry.path, this.maxFileSize);
    }

    /**
     * The texts of files with unparsed text, which later rounds search for exported names, kept up to a budget so
     * that a round does not read the tree again (a second read of every file was a tenth of a large scan).
     */
    private readonly texts = new Map<string, string>();
    private textBudget = TEXT_CACHE_BYTES;

    private remember(rel: string, text: string): void {
        if (text.length > this.textBudget || this.texts.has(rel)) return;
        this.textBudget -= text.length;
        this.texts.set(rel, text);
    }

    /** A file's text, for a later round or the governing modes. Throws when it cannot be read. */
    text(entry: WalkEntry): string {
        return this.texts.get(entry.rel) ?? decode(this.readToDecode(entry));
    }

    /** Reads and analyses one file. `filter` decides which code units are parsed. */
    process(entry: WalkEntry, registry: ExportRegistry, filter: RegExp): FileOutcome {
        const read = readAndFilter(
            entry,
            () => this.readToDecode(entry),
            () => this.fs.stat(entry.path).size,
            this.maxFileSize,
            filter
        );
        if (read.kind === 'plain') this.remember(entry.rel, read.text);
        return this.analyse(entry, read, registry, filter);
    }

    /**
     * Goes on with a file that `readAndFilter` read (here, or in the read-ahead worker, which keeps a plain file's
     * text itself: see read-ahead.ts).
     */
    analyse(entry: WalkEntry, read: ReadResult, registry: ExportRegistry, filter: RegExp): FileOutcome {
        const empty = (skipped?: Skipped): FileOutcome => ({
            rel: entry.rel,
            lines: 0,
            bytes: 0,
            placed: [],
            exports: { globals: {}, moduleExports: {} },
            fallbacks: [],
            callCenters: [],
            lightningContext: false,
            dependencies: [],
            dependencySignature: '',
            unparsed: [],
            ...(skipped ? { skipped } : {})
        });
        if (read.kind === 'skipped') return empty(read.skipped);
        const notes = read.fallbacks;
        if (read.kind === 'plain') {
            return { ...empty(), lines: read.lines, bytes: read.bytes, unparsed: [ALL], fallbacks: notes };
        }
        const { text } = read;
        const lineIndex = new LineIndex(text);
        const thirdParty = thirdPartyReason(entry.rel, text);
        // A large library with no Open CTI word is read by tokens: its web findings are kept apart as the
        // library's business, and its syntax tree would cost seconds and hundreds of megabytes.
        const byTokens =
            thirdParty !== undefined && text.length > LARGE_LIBRARY && isScriptFile(entry) && !OPEN_CTI_WORD.test(text);
        const outcome: FileOutcome = {
            ...empty(),
            lines: lineIndex.lineCount,
            bytes: read.bytes,
            fallbacks: notes,
            ...(thirdParty ? { thirdParty } : {})
        };
        let kind: FileKind = entry.kind;
        if (kind.kind === 'static-resource') kind = staticResourceKind(text);

        const units: CodeUnit[] = [];
        const includes: LibraryInclude[] = [];
        const callCenters: { def: CallCenterDefinition; offset: number }[] = [];
        /** A script analysed in pieces (see analysis/split.ts). */
        let cut: { language: CodeUnit['language'] } | undefined;
        let cuts: number[] | undefined;
        switch (kind.kind) {
            case 'script': {
                cuts =
                    byTokens || text.length <= CUT_SCRIPTS_OVER || (kind.language !== 'js' && kind.language !== 'ts')
                        ? undefined
                        : topLevelCuts(text, SCRIPT_PIECE);
                if (cuts) cut = { language: kind.language };
                let from = 0;
                for (const to of [...(cuts ?? []), text.length]) {
                    units.push({ text: text.slice(from, to), offset: from, language: kind.language, context: 'file' });
                    from = to;
                }
                break;
            }
            case 'markup': {
                const m = extractMarkup(text, kind.flavor);
                units.push(...m.units);
                includes.push(...m.includes);
                if (kind.flavor === 'aura') outcome.lightningContext = true;
                break;
            }
            case 'markdown':
                for (const fence of extractFences(text)) {
                    this.fenceUnits(fence.language, fence.text, fence.offset, units, includes, (def, offset) => {
                        callCenters.push({ def, offset });
                    });
                }
                break;
            case 'call-center':
            case 'xml':
                if (kind.kind === 'call-center' || looksLikeCallCenter(text)) {
                    const def = extractCallCenter(text);
                    if (def) callCenters.push({ def, offset: 0 });
                }
                break;
            case 'static-resource':
                break;
            case 'other-language':
                this.placeOtherLanguage(kind, text, outcome, lineIndex);
                break;
        }
        if (/(^|\/)(aura|lwc)\//.test(entry.rel)) outcome.lightningContext = true;

        for (const inc of includes) {
            if (inc.library === 'opencti-lightning') outcome.lightningContext = true;
            outcome.placed.push({
                draft: libraryDraft(inc.library, inc.url),
                start: inc.offset,
                end: inc.offset + inc.length,
                context: 'markup',
                detection: []
            });
        }
        for (const { def, offset } of callCenters) this.placeCallCenter(def, offset, outcome, lineIndex);

        const exports: FileExports = { globals: {}, moduleExports: {} };
        const dependencies = new Set<string>();
        const analyse = (unit: CodeUnit): UnitResult | undefined => {
            if (!filter.test(unit.text)) return undefined;
            if (byTokens) return this.tokenUnit(unit);
            // Only the statements connected to a word are parsed; a masked text that does not parse is read whole.
            const masked =
                unit.context !== 'inline-handler' && unit.text.length > MASK_OVER
                    ? maskUnconnected(unit.text, filter)
                    : undefined;
            if (masked) {
                const result = this.analyzeUnit({ ...unit, text: masked.text }, entry.rel, registry, lineIndex, masked);
                if (!result.fallback) return { ...result, partial: masked.blanked };
            }
            return this.analyzeUnit(unit, entry.rel, registry, lineIndex);
        };
        // A Markdown file's JavaScript fences are parsed as one unit (prose blanked, offsets kept): a parse has a
        // fixed cost, and README files hold dozens of small samples. One that does not parse so is read alone.
        const fences = units.filter((u) => u.context === 'markdown-fence' && u.language === 'js');
        let combined: CodeUnit | undefined;
        if (fences.length >= 2) {
            combined = combineFences(text, fences);
            units.splice(0, units.length, ...units.filter((u) => !fences.includes(u)), combined);
        }
        let results = units.map(analyse);
        const together = combined ? units.indexOf(combined) : -1;
        const failed = results[together]?.fallback;
        if (together >= 0 && (failed?.reason === 'syntax-error' || failed?.reason === 'nesting-too-deep')) {
            units.splice(together, 1, ...fences);
            results.splice(together, 1, ...fences.map(analyse));
        }
        if (cut && results.some((r) => r?.fallback?.reason === 'syntax-error')) {
            // The cut was misread (the character scan guesses at a `/` after a bracket): analyse the script whole.
            units.splice(0, units.length, { text, offset: 0, language: cut.language, context: 'file' });
            results = units.map(analyse);
        }
        for (const [index, unit] of units.entries()) {
            const result = results[index];
            const whole: [number, number] = [unit.offset, unit.offset + unit.text.length];
            if (!result) {
                outcome.unparsed.push(whole);
                continue;
            }
            for (const [start, end] of result.partial ?? [])
                outcome.unparsed.push([unit.offset + start, unit.offset + end]);
            for (const d of result.dependencies) dependencies.add(d);
            if (result.fallback?.reason === 'syntax-error' || result.fallback?.reason === 'nesting-too-deep') {
                outcome.unparsed.push(whole);
            }
            if (result.bundleObject && AURA_FILE.exec(entry.rel)?.[3] === 'Helper')
                outcome.auraHelper = result.bundleObject;
            Object.assign(exports.globals, result.exports.globals);
            Object.assign(exports.moduleExports, result.exports.moduleExports);
            if (result.fallback) outcome.fallbacks.push(result.fallback);
            for (const d of result.detections) {
                const draft = classifyDetection(d, this.catalog);
                if (!draft) continue;
                if (draft.api.platform === 'lightning' && draft.api.kind !== 'library') outcome.lightningContext = true;
                outcome.placed.push({
                    draft,
                    start: d.start,
                    end: d.end,
                    context: unit.context === 'file' ? 'file' : unit.context,
                    detection: d.traits,
                    ...(d.via ? { via: d.via } : {})
                });
            }
        }
        outcome.unparsed = joined(outcome.unparsed);
        if (outcome.unparsed.length > 0) this.remember(entry.rel, text);
        outcome.exports = exports;
        outcome.dependencies = [...dependencies].sort();
        outcome.dependencySignature = dependencySignature(registry, outcome.dependencies);
        for (const p of outcome.placed) {
            const start = lineIndex.position(p.start);
            const end = lineIndex.position(Math.max(p.start, p.end));
            p.at = {
                line: start.line,
                column: start.column,
                endLine: end.line,
                endColumn: end.column,
                snippet: snippetAt(lineIndex.lineText(start.line), start.column)
            };
        }
        return outcome;
    }

    /** Code no JavaScript parser reads: member chains found by text, listed under parse fallbacks. */
    private placeOtherLanguage(
        kind: Extract<FileKind, { kind: 'other-language' }>,
        text: string,
        outcome: FileOutcome,
        lineIndex: LineIndex
    ): void {
        outcome.unparsed.push(ALL);
        for (const d of textScan(text, kind.lineComment)) {
            const draft = classifyDetection(d, this.catalog);
            if (!draft) continue;
            outcome.placed.push({ draft, start: d.start, end: d.end, context: 'file', detection: d.traits });
        }
        const at = lineIndex.position(0);
        outcome.fallbacks.push({
            file: outcome.rel,
            line: at.line,
            column: at.column,
            reason: 'other-language',
            message: `${kind.language}: no JavaScript parser reads it, so Open CTI member chains were found by text (lower confidence: no aliases, wrappers or argument shapes)`
        });
    }

    private fenceUnits(
        language: string,
        text: string,
        offset: number,
        units: CodeUnit[],
        includes: LibraryInclude[],
        onCallCenter: (def: CallCenterDefinition, offset: number) => void
    ): void {
        const scriptLanguages: Record<string, CodeUnit['language']> = {
            js: 'js',
            javascript: 'js',
            mjs: 'js',
            cjs: 'js',
            jsx: 'jsx',
            ts: 'ts',
            typescript: 'ts',
            tsx: 'tsx',
            '': 'js'
        };
        const script = scriptLanguages[language];
        if (script && !(language === '' && looksLikeCallCenter(text))) {
            units.push({ text, offset, language: script, context: 'markdown-fence' });
            return;
        }
        if (['html', 'htm', 'xhtml', 'visualforce', 'vf', 'aura'].includes(language)) {
            const flavor =
                language === 'aura' ? 'aura' : language === 'visualforce' || language === 'vf' ? 'visualforce' : 'html';
            const m = extractMarkup(text, flavor);
            for (const u of m.units) units.push({ ...u, offset: u.offset + offset, context: 'markdown-fence' });
            for (const i of m.includes) includes.push({ ...i, offset: i.offset + offset });
            return;
        }
        if ((language === 'xml' || language === '') && looksLikeCallCenter(text)) {
            const def = extractCallCenter(text);
            if (def) onCallCenter(def, offset);
        }
    }

    private placeCallCenter(
        def: CallCenterDefinition,
        offset: number,
        outcome: FileOutcome,
        lineIndex: LineIndex
    ): void {
        const items: CenterDefinition['items'] = [];
        for (const item of def.items) {
            items.push({ item, placed: outcome.placed.length });
            outcome.placed.push({
                draft: callCenterDraft(item),
                start: offset + item.offset,
                end: offset + item.offset + item.length,
                context: 'call-center',
                detection: [],
                value: item.value
            });
        }
        const internalName = def.items.find((i) => i.name === 'reqInternalName')?.value.trim();
        const fullName =
            def.shape === 'metadata' ? /(?:^|\/)([^/]+)\.callCenter(?:-meta\.xml)?$/.exec(outcome.rel)?.[1] : undefined;
        const name = internalName || fullName;
        outcome.callCenters.push({ ...(name ? { name } : {}), items });
        for (const problem of def.problems) {
            const pos = lineIndex.position(offset + problem.offset);
            outcome.fallbacks.push({
                file: outcome.rel,
                line: pos.line,
                column: pos.column,
                reason: 'syntax-error',
                message: problem.message
            });
        }
    }

    /** A unit read by the tokenizer alone (a large third-party library): no aliases, wrappers or exports. */
    private tokenUnit(unit: CodeUnit): UnitResult {
        const detections = tokenScan(unit.text, unit.language !== 'ts').map((d) => ({
            ...d,
            start: d.start + unit.offset,
            end: d.end + unit.offset
        }));
        return { detections, exports: { globals: {}, moduleExports: {} }, dependencies: [] };
    }

    private analyzeUnit(
        unit: CodeUnit,
        rel: string,
        registry: ExportRegistry,
        lineIndex: LineIndex,
        masked?: Pick<Masked, 'module' | 'toOriginal'>
    ): UnitResult {
        // Inline handlers are function bodies (`return false;` is legal there): analyse them wrapped in one.
        const prefix = unit.context === 'inline-handler' ? '(function (event) {' : '';
        const code = prefix ? `${prefix}${unit.text}\n})` : unit.text;
        const shift = (d: Detection): Detection => {
            const traits: Trait[] = unit.context === 'inline-handler' ? [...d.traits, 'inline-handler'] : d.traits;
            const at = (offset: number): number =>
                (masked ? masked.toOriginal(offset) : Math.max(0, offset - prefix.length)) + unit.offset;
            const start = at(d.start);
            const end = at(d.end);
            return { ...d, traits, start, end };
        };
        const startLine = lineIndex.position(unit.offset).line;
        const fallback = (reason: ParseFallback['reason'], offset: number, message: string) => {
            const pos = lineIndex.position(unit.offset + Math.max(0, offset - prefix.length));
            return { file: rel, line: pos.line, column: pos.column, reason, message };
        };
        const tokens = (): Detection[] => tokenScan(code, unit.language !== 'ts').map((d) => shift(d));
        const aura = AURA_FILE.test(rel);
        const helper = aura ? registry.modules.get(auraHelperKey(rel))?.helper : undefined;
        try {
            const result = analyzeJavaScript(code, {
                file: rel,
                lineOffset: startLine - 1,
                language: unit.language,
                registry,
                resolveModule: (s) => this.resolveModule(rel, s),
                ...(aura ? { auraHelperKey: auraHelperKey(rel) } : {}),
                ...(helper ? { auraHelper: helper } : {}),
                ...(masked ? { module: masked.module } : {})
            });
            if (result.syntaxError) {
                return {
                    detections: tokens(),
                    exports: result.exports,
                    dependencies: [],
                    fallback: fallback(
                        'syntax-error',
                        result.syntaxError.offset,
                        `${result.syntaxError.message}; scanned by tokens (aliases, wrappers and argument shapes are not analysed)`
                    )
                };
            }
            return {
                detections: result.detections.map(shift),
                exports: result.exports,
                dependencies: result.dependencies,
                ...(result.bundleObject ? { bundleObject: result.bundleObject } : {})
            };
        } catch (error) {
            if (!(error instanceof NestingTooDeepError) && !(error instanceof RangeError)) throw error;
            return {
                detections: tokens(),
                exports: { globals: {}, moduleExports: {} },
                dependencies: [],
                fallback: fallback('nesting-too-deep', 0, 'nested too deeply to parse; scanned by tokens')
            };
        }
    }
}

/** Cuts a snippet out of a (possibly huge, minified) line around a column. */
export function snippetAt(line: string, column: number): string {
    const MAX = 160;
    const trimmed = line.trim();
    if (trimmed.length <= MAX) return trimmed;
    const start = Math.max(0, column - 1 - 60);
    const piece = line.slice(start, start + MAX).trim();
    return `${start > 0 ? '…' : ''}${piece}${start + MAX < line.length ? '…' : ''}`;
}
