// Generated from scanner/src/scan.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Runs a scan: walk the tree, read each file once, cut it into code units, analyse, classify, and assemble the
// report. Wrappers and aliases defined in one file and used in another are resolved in extra rounds: after each
// round the exports of every file form a registry, and files that mention an exported name are analysed again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { EMPTY_REGISTRY } from './analysis/detections.js';
import { NestingTooDeepError, analyzeJavaScript } from './analysis/javascript.js';
import { textScan } from './analysis/text-scan.js';
import { maskUnconnected } from './analysis/mask.js';
import { topLevelCuts } from './analysis/split.js';
import { tokenScan } from './analysis/token-scan.js';
import { guideLink, worse } from './catalog/mapping.js';
import { objectCatalogFrom } from './catalog/save-log-fields.js';
import { isZip, readZip } from './discovery/archive.js';
import { fileKind, sniff, staticResourceKind } from './discovery/file-kinds.js';
import { MAX_FILE_SIZE_CEILING, RootNotFoundError, readBoundedTransient, walk, nodeFileSystem } from './discovery/walk.js';
import { extractCallCenter, looksLikeCallCenter } from './extract/call-center.js';
import { extractFences } from './extract/markdown.js';
import { extractMarkup } from './extract/markup.js';
import { LineIndex, countLines } from './line-index.js';
import { SCHEMA_ID, SCHEMA_VERSION, TOOL } from './model/report.js';
import { buildInventory, buildSummary } from './report/summary.js';
import { governingModes } from './rules/adapters.js';
import { thirdPartyReason } from './rules/third-party.js';
import { callCenterDraft, compatibility } from './rules/call-center.js';
import { classicInLightningIssue, classifyDetection, libraryDraft, lightningCounterpartOf } from './rules/classify.js';
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
const MAX_ROUNDS = 6;
/**
 * Besides the code pre-filter, what makes a file worth opening up: a library URL (`/support/api/.../opencti_min.js`)
 * or a call-center definition. A file with none of it is counted, never extracted or parsed: grep-like speed.
 */
const FILE_PREFILTER_EXTRA = 'opencti|/support/|callCenter|CallCenter';
/** Text that can lead to a finding; units without any of it are not parsed. */
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
const isScriptFile = (entry) => entry.kind.kind === 'script';
/** Characters of unparsed files' text kept in memory for later rounds (see `Scanner.text`). */
const TEXT_CACHE_BYTES = 32 * 1024 * 1024;
/** Units longer than this are masked (analysis/mask.ts) before they are parsed; shorter ones parse in no time. */
const MASK_OVER = 2048;
const BASE_PREFILTER = /sforce|localStorage|sessionStorage|cookie|Cookies|postMessage|onmessage|indexedDB|StorageAccess|['"`]message['"`]/;
/** The limit a scan applies: `--max-file-size`, never past the ceiling one process can hold. */
function effectiveMaxFileSize(requested) {
    return Math.min(requested ?? DEFAULT_MAX_FILE_SIZE, MAX_FILE_SIZE_CEILING);
}
/** The standard-object catalog the gate checks with too (`@switchboard/catalog`): the source of VoiceCall fields. */
export function loadGateCatalog() {
    const url = new URL(import.meta.resolve('@switchboard/catalog/standard-objects.json'));
    return objectCatalogFrom(JSON.parse(readFileSync(url, 'utf8')));
}
const decoder = new TextDecoder('utf-8');
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
function decode(bytes) {
    return decodeNoting(bytes).text;
}
/**
 * UTF-8 text, and whether a byte was not UTF-8: such a file is decoded with U+FFFD replacements and scanned to the
 * end, never dropped (the strict decoder costs nothing more on valid input).
 */
function decodeNoting(bytes) {
    let text;
    let invalid = false;
    try {
        text = strictDecoder.decode(bytes);
    }
    catch {
        text = decoder.decode(bytes);
        invalid = true;
    }
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, invalid };
}
/** The note for a file with invalid UTF-8, at its first replaced character. */
function invalidUtf8Note(rel, text) {
    const offset = Math.max(0, text.indexOf('\ufffd'));
    const at = new LineIndex(text).position(offset);
    return {
        file: rel,
        line: at.line,
        column: at.column,
        reason: 'invalid-utf8',
        message: 'a byte that is not UTF-8: decoded with U+FFFD in its place, and scanned to the end'
    };
}
/** Aura bundle files: `aura/<bundle>/<bundle>(Controller|Helper|Renderer).js`. */
const AURA_FILE = /(^|\/)aura\/([^/]+)\/\2(Controller|Helper|Renderer)\.js$/;
/** The registry key under which a bundle's helper is found from any file of the bundle. */
function auraHelperKey(rel) {
    return `aura-helper:${posix.dirname(rel)}`;
}
/**
 * Fences of one Markdown file as one unit: the text from the first to the last, the prose between them blanked
 * (line breaks kept, so lines and offsets stay the file's) and opened by a `;`, so no sample runs into the next.
 */
function combineFences(text, fences) {
    const sorted = [...fences].sort((a, b) => a.offset - b.offset);
    const first = sorted[0];
    const parts = [];
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
const ALL = [0, Number.MAX_SAFE_INTEGER];
/** Whether `offset` lies in one of the sorted, disjoint ranges. */
function within(ranges, offset) {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [start, end] = ranges[mid];
        if (offset < start)
            hi = mid - 1;
        else if (offset >= end)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}
/** Sorted, with overlapping ranges joined, as `within` needs them. */
function joined(ranges) {
    const out = [];
    for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
        const last = out[out.length - 1];
        if (last && start <= last[1])
            last[1] = Math.max(last[1], end);
        else
            out.push([start, end]);
    }
    return out;
}
function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** Builds the registry other files resolve globals and imports against. */
function registryOf(outcomes) {
    const globals = new Map();
    const modules = new Map();
    for (const o of outcomes) {
        if (o.auraHelper)
            modules.set(auraHelperKey(o.rel), { helper: o.auraHelper });
        for (const [name, ref] of Object.entries(o.exports.globals))
            if (!globals.has(name))
                globals.set(name, ref);
        if (Object.keys(o.exports.moduleExports).length > 0)
            modules.set(o.rel, o.exports.moduleExports);
    }
    return { globals, modules };
}
function registryNames(registry) {
    const names = new Set(registry.globals.keys());
    for (const [rel, exports] of registry.modules) {
        for (const name of Object.keys(exports))
            if (name !== 'default')
                names.add(name);
        const base = posix.basename(rel).replace(/\.[^.]+$/, '');
        if (base)
            names.add(base);
    }
    return [...names].filter((n) => /^[\w$]+$/.test(n));
}
/** What a file's dependencies resolve to in a registry. */
function dependencySignature(registry, dependencies) {
    if (dependencies.length === 0)
        return '';
    return JSON.stringify(dependencies.map((d) => d.startsWith('global:')
        ? (registry.globals.get(d.slice(7)) ?? null)
        : (registry.modules.get(d.slice(7)) ?? null)));
}
function registrySignature(registry) {
    return JSON.stringify([[...registry.globals.entries()], [...registry.modules.entries()]]);
}
class Scanner {
    options;
    fs;
    catalogLoaded;
    maxFileSize;
    files;
    constructor(options, entries) {
        this.options = options;
        this.fs = options.fs ?? nodeFileSystem;
        this.files = new Set(entries.map((e) => e.rel));
        this.maxFileSize = effectiveMaxFileSize(options.maxFileSize);
    }
    /** Read when the first finding is classified: a scan with nothing to classify never parses the 160 KB file. */
    get catalog() {
        this.catalogLoaded ??= this.options.catalog ?? loadGateCatalog();
        return this.catalogLoaded;
    }
    resolveModule(from, specifier) {
        if (!specifier.startsWith('.'))
            return undefined;
        const base = posix.normalize(posix.join(posix.dirname(from), specifier));
        const stem = base.replace(/\.(m|c)?js$/, '');
        const candidates = [
            base,
            ...['.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts'].map((ext) => stem + ext),
            ...['index.js', 'index.ts', 'index.mjs'].map((i) => posix.join(base, i))
        ];
        return candidates.find((c) => this.files.has(c));
    }
    fileFilter;
    /** The file-level pre-filter for a round's code filter (built once per round). */
    fileFilterFor(code) {
        if (this.fileFilter?.code !== code) {
            this.fileFilter = { code, file: new RegExp(`${code.source}|${FILE_PREFILTER_EXTRA}`) };
        }
        return this.fileFilter.file;
    }
    read(entry) {
        return entry.content ?? this.fs.readFile(entry.path, this.maxFileSize);
    }
    /**
     * `read`, for bytes decoded at once: from the real file system, into one buffer every such read shares (a buffer
     * per file was an allocation, and garbage, per file; see `readBoundedTransient`).
     */
    readToDecode(entry) {
        if (entry.content || this.fs !== nodeFileSystem)
            return this.read(entry);
        return readBoundedTransient(entry.path, this.maxFileSize);
    }
    /**
     * The texts of files with unparsed text, which later rounds search for exported names, kept up to a budget so
     * that a round does not read the tree again (a second read of every file was a tenth of a large scan).
     */
    texts = new Map();
    textBudget = TEXT_CACHE_BYTES;
    remember(rel, text) {
        if (text.length > this.textBudget || this.texts.has(rel))
            return;
        this.textBudget -= text.length;
        this.texts.set(rel, text);
    }
    /** A file's text, for a later round or the governing modes. Throws when it cannot be read. */
    text(entry) {
        return this.texts.get(entry.rel) ?? decode(this.readToDecode(entry));
    }
    /** Reads and analyses one file. `filter` decides which code units are parsed. */
    process(entry, registry, filter) {
        const empty = (skipped) => ({
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
        let bytes;
        try {
            bytes = this.readToDecode(entry);
        }
        catch (error) {
            const detail = error instanceof Error ? error.message : String(error);
            return empty({ file: entry.rel, reason: 'unreadable', detail });
        }
        if (bytes.length > this.maxFileSize) {
            return empty({
                file: entry.rel,
                reason: 'too-large',
                detail: `over the limit of ${this.maxFileSize} bytes (it grew after the walk)`
            });
        }
        const sniffed = sniff(bytes);
        if (sniffed !== 'text') {
            return empty({
                file: entry.rel,
                reason: sniffed,
                detail: sniffed === 'archive'
                    ? 'zip or gzip archive: expand it into a folder and scan that'
                    : 'binary content'
            });
        }
        const { text, invalid } = decodeNoting(bytes);
        const notes = invalid ? [invalidUtf8Note(entry.rel, text)] : [];
        if (entry.kind.kind !== 'call-center' && !this.fileFilterFor(filter).test(text)) {
            // Nothing in it can lead to a finding: count its lines, and match it as text in later rounds.
            this.remember(entry.rel, text);
            return { ...empty(), lines: countLines(text), bytes: bytes.length, unparsed: [ALL], fallbacks: notes };
        }
        const lineIndex = new LineIndex(text);
        const thirdParty = thirdPartyReason(entry.rel, text);
        // A large library with no Open CTI word is read by tokens: its web findings are kept apart as the
        // library's business, and its syntax tree would cost seconds and hundreds of megabytes.
        const byTokens = thirdParty !== undefined && text.length > LARGE_LIBRARY && isScriptFile(entry) && !OPEN_CTI_WORD.test(text);
        const outcome = {
            ...empty(),
            lines: lineIndex.lineCount,
            bytes: bytes.length,
            fallbacks: notes,
            ...(thirdParty ? { thirdParty } : {})
        };
        let kind = entry.kind;
        if (kind.kind === 'static-resource')
            kind = staticResourceKind(text);
        const units = [];
        const includes = [];
        const callCenters = [];
        /** A script analysed in pieces (see analysis/split.ts). */
        let cut;
        let cuts;
        switch (kind.kind) {
            case 'script': {
                cuts =
                    byTokens || text.length <= CUT_SCRIPTS_OVER || (kind.language !== 'js' && kind.language !== 'ts')
                        ? undefined
                        : topLevelCuts(text, SCRIPT_PIECE);
                if (cuts)
                    cut = { language: kind.language };
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
                if (kind.flavor === 'aura')
                    outcome.lightningContext = true;
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
                    if (def)
                        callCenters.push({ def, offset: 0 });
                }
                break;
            case 'static-resource':
                break;
            case 'other-language':
                this.placeOtherLanguage(kind, text, outcome, lineIndex);
                break;
        }
        if (/(^|\/)(aura|lwc)\//.test(entry.rel))
            outcome.lightningContext = true;
        for (const inc of includes) {
            if (inc.library === 'opencti-lightning')
                outcome.lightningContext = true;
            outcome.placed.push({
                draft: libraryDraft(inc.library, inc.url),
                start: inc.offset,
                end: inc.offset + inc.length,
                context: 'markup',
                detection: []
            });
        }
        for (const { def, offset } of callCenters)
            this.placeCallCenter(def, offset, outcome, lineIndex);
        const exports = { globals: {}, moduleExports: {} };
        const dependencies = new Set();
        const analyse = (unit) => {
            if (!filter.test(unit.text))
                return undefined;
            if (byTokens)
                return this.tokenUnit(unit);
            // Only the statements connected to a word are parsed; a masked text that does not parse is read whole.
            const masked = unit.context !== 'inline-handler' && unit.text.length > MASK_OVER
                ? maskUnconnected(unit.text, filter)
                : undefined;
            if (masked) {
                const result = this.analyzeUnit({ ...unit, text: masked.text }, entry.rel, registry, lineIndex, masked);
                if (!result.fallback)
                    return { ...result, partial: masked.blanked };
            }
            return this.analyzeUnit(unit, entry.rel, registry, lineIndex);
        };
        // A Markdown file's JavaScript fences are parsed as one unit (prose blanked, offsets kept): a parse has a
        // fixed cost, and README files hold dozens of small samples. One that does not parse so is read alone.
        const fences = units.filter((u) => u.context === 'markdown-fence' && u.language === 'js');
        let combined;
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
            const whole = [unit.offset, unit.offset + unit.text.length];
            if (!result) {
                outcome.unparsed.push(whole);
                continue;
            }
            for (const [start, end] of result.partial ?? [])
                outcome.unparsed.push([unit.offset + start, unit.offset + end]);
            for (const d of result.dependencies)
                dependencies.add(d);
            if (result.fallback?.reason === 'syntax-error' || result.fallback?.reason === 'nesting-too-deep') {
                outcome.unparsed.push(whole);
            }
            if (result.bundleObject && AURA_FILE.exec(entry.rel)?.[3] === 'Helper')
                outcome.auraHelper = result.bundleObject;
            Object.assign(exports.globals, result.exports.globals);
            Object.assign(exports.moduleExports, result.exports.moduleExports);
            if (result.fallback)
                outcome.fallbacks.push(result.fallback);
            for (const d of result.detections) {
                const draft = classifyDetection(d, this.catalog);
                if (!draft)
                    continue;
                if (draft.api.platform === 'lightning' && draft.api.kind !== 'library')
                    outcome.lightningContext = true;
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
        if (outcome.unparsed.length > 0)
            this.remember(entry.rel, text);
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
    placeOtherLanguage(kind, text, outcome, lineIndex) {
        outcome.unparsed.push(ALL);
        for (const d of textScan(text, kind.lineComment)) {
            const draft = classifyDetection(d, this.catalog);
            if (!draft)
                continue;
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
    fenceUnits(language, text, offset, units, includes, onCallCenter) {
        const scriptLanguages = {
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
            const flavor = language === 'aura' ? 'aura' : language === 'visualforce' || language === 'vf' ? 'visualforce' : 'html';
            const m = extractMarkup(text, flavor);
            for (const u of m.units)
                units.push({ ...u, offset: u.offset + offset, context: 'markdown-fence' });
            for (const i of m.includes)
                includes.push({ ...i, offset: i.offset + offset });
            return;
        }
        if ((language === 'xml' || language === '') && looksLikeCallCenter(text)) {
            const def = extractCallCenter(text);
            if (def)
                onCallCenter(def, offset);
        }
    }
    placeCallCenter(def, offset, outcome, lineIndex) {
        const items = [];
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
        const fullName = def.shape === 'metadata' ? /(?:^|\/)([^/]+)\.callCenter(?:-meta\.xml)?$/.exec(outcome.rel)?.[1] : undefined;
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
    tokenUnit(unit) {
        const detections = tokenScan(unit.text, unit.language !== 'ts').map((d) => ({
            ...d,
            start: d.start + unit.offset,
            end: d.end + unit.offset
        }));
        return { detections, exports: { globals: {}, moduleExports: {} }, dependencies: [] };
    }
    analyzeUnit(unit, rel, registry, lineIndex, masked) {
        // Inline handlers are function bodies (`return false;` is legal there): analyse them wrapped in one.
        const prefix = unit.context === 'inline-handler' ? '(function (event) {' : '';
        const code = prefix ? `${prefix}${unit.text}\n})` : unit.text;
        const shift = (d) => {
            const traits = unit.context === 'inline-handler' ? [...d.traits, 'inline-handler'] : d.traits;
            const at = (offset) => (masked ? masked.toOriginal(offset) : Math.max(0, offset - prefix.length)) + unit.offset;
            const start = at(d.start);
            const end = at(d.end);
            return { ...d, traits, start, end };
        };
        const startLine = lineIndex.position(unit.offset).line;
        const fallback = (reason, offset, message) => {
            const pos = lineIndex.position(unit.offset + Math.max(0, offset - prefix.length));
            return { file: rel, line: pos.line, column: pos.column, reason, message };
        };
        const tokens = () => tokenScan(code, unit.language !== 'ts').map((d) => shift(d));
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
                    fallback: fallback('syntax-error', result.syntaxError.offset, `${result.syntaxError.message}; scanned by tokens (aliases, wrappers and argument shapes are not analysed)`)
                };
            }
            return {
                detections: result.detections.map(shift),
                exports: result.exports,
                dependencies: result.dependencies,
                ...(result.bundleObject ? { bundleObject: result.bundleObject } : {})
            };
        }
        catch (error) {
            if (!(error instanceof NestingTooDeepError) && !(error instanceof RangeError))
                throw error;
            return {
                detections: tokens(),
                exports: { globals: {}, moduleExports: {} },
                dependencies: [],
                fallback: fallback('nesting-too-deep', 0, 'nested too deeply to parse; scanned by tokens')
            };
        }
    }
}
/**
 * Replaces each zipped static resource by its entries (`Bundle.resource!/js/adapter.js`); an archive that cannot
 * be read is listed as skipped. Nested archives are not opened.
 */
function expandArchives(entries, fs, maxFileSize, skipped) {
    const out = [];
    for (const e of entries) {
        if (e.kind.kind !== 'static-resource') {
            out.push(e);
            continue;
        }
        let bytes;
        try {
            bytes = fs.readFile(e.path, maxFileSize);
        }
        catch {
            out.push(e); // reported as unreadable when processed
            continue;
        }
        if (!isZip(bytes)) {
            out.push(e);
            continue;
        }
        // Entries the scanner reads, extension-less ones (sniffed), and nested zips (listed as skipped).
        const keep = (name) => fileKind(name) !== undefined ||
            name.endsWith('.zip') ||
            !name.slice(name.lastIndexOf('/') + 1).includes('.');
        const zip = readZip(bytes, {
            maxEntrySize: maxFileSize,
            maxTotalSize: Math.min(10 * maxFileSize, 2 * MAX_FILE_SIZE_CEILING),
            maxEntries: 10_000
        }, keep);
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
function fingerprint(parts) {
    return createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 16);
}
/** Cuts a snippet out of a (possibly huge, minified) line around a column. */
export function snippetAt(line, column) {
    const MAX = 160;
    const trimmed = line.trim();
    if (trimmed.length <= MAX)
        return trimmed;
    const start = Math.max(0, column - 1 - 60);
    const piece = line.slice(start, start + MAX).trim();
    return `${start > 0 ? '…' : ''}${piece}${start + MAX < line.length ? '…' : ''}`;
}
/**
 * One call center, however many definitions give it (issue 16, items 3 and 5): an import XML beside the retrieved
 * metadata, or two Markdown blocks, with the same internal name. Definitions are taken in path order; the first to
 * give an item keeps its finding, and the same item in a later definition is no finding of its own; when its value
 * differs, the kept finding says where and how (`call-center-conflict`). The compatibility mode is decided on the
 * merged items, as for one definition, and governs the folders and pages of every file that defines the center.
 */
function reconcileCenters(outcomes) {
    const groups = new Map();
    let anonymous = 0;
    for (const outcome of [...outcomes].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) {
        for (const def of outcome.callCenters) {
            const key = def.name !== undefined ? `name:${def.name}` : `anonymous:${anonymous++}`;
            const group = groups.get(key) ?? [];
            group.push({ outcome, def });
            groups.set(key, group);
        }
    }
    const centers = [];
    for (const group of groups.values()) {
        const merged = [];
        for (const { outcome, def } of group) {
            for (const { item, placed } of def.items) {
                const p = outcome.placed[placed];
                const same = merged.find((m) => m.item.name === item.name &&
                    (m.item.section === item.section || !m.item.section || !item.section));
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
            const draft = merged[issue.index].placed.draft;
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
function toFindings(outcome, lightningAdapter) {
    const seen = new Map();
    const findings = [];
    for (const p of outcome.placed) {
        if (p.duplicate)
            continue;
        const at = p.at ?? { line: 1, column: 1, endLine: 1, endColumn: 1, snippet: '' };
        const snippet = at.snippet;
        const issues = [...p.draft.issues];
        const platform = p.draft.api.platform;
        if ((platform === 'classic' || platform === 'console') &&
            p.draft.api.kind !== 'library' &&
            p.draft.api.kind !== 'console-toolkit' &&
            (outcome.lightningContext || lightningAdapter)) {
            issues.push(classicInLightningIssue(p.draft.api, lightningCounterpartOf(p.draft.api.name)));
        }
        const severity = issues.reduce((s, i) => worse(s, i.severity), 'note');
        const key = [p.draft.rule, outcome.rel, p.draft.api.name, snippet.replace(/\s+/g, ' ')].join('|');
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        const mapping = p.draft.mapping;
        const finding = {
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
        if (mapping.unconfirmed)
            finding.unconfirmed = mapping.unconfirmed;
        if (p.via)
            finding.via = p.via;
        if (p.draft.saveLog)
            finding.saveLog = p.draft.saveLog;
        if (p.value !== undefined)
            finding.value = p.value;
        // Only the web-platform findings of a library are its own business; an Open CTI call in it is the adapter's.
        if (outcome.thirdParty && p.draft.api.kind === 'web-platform')
            finding.thirdParty = outcome.thirdParty;
        findings.push(finding);
    }
    return findings;
}
/** Scans a tree (or one file) and returns the report. Throws RootNotFoundError when the root cannot be read. */
export function scan(options) {
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
    const archiveSkips = [];
    const files = expandArchives(walked.files, options.fs ?? nodeFileSystem, maxFileSize, archiveSkips);
    const scanner = new Scanner(options, files);
    const outcomes = new Map();
    let registry = EMPTY_REGISTRY;
    let filter = BASE_PREFILTER;
    let targets = files;
    for (let round = 1; round <= MAX_ROUNDS && targets.length > 0; round++) {
        let done = 0;
        for (const entry of targets) {
            // A later round analyses a file again with the other files' wrappers known, and replaces its result.
            outcomes.set(entry.rel, scanner.process(entry, registry, filter));
            options.onProgress?.({ done: ++done, total: targets.length, round });
        }
        const next = registryOf(outcomes.values());
        if (registrySignature(next) === registrySignature(registry))
            break;
        registry = next;
        const names = registryNames(registry);
        if (names.length === 0)
            break;
        filter = new RegExp(`${BASE_PREFILTER.source}|\\b(?:${names.map(escapeRegExp).join('|')})\\b`);
        const mentions = new RegExp(`\\b(?:${names.map(escapeRegExp).join('|')})\\b`, 'g');
        targets = files.filter((e) => {
            const o = outcomes.get(e.rel);
            if (!o || o.skipped)
                return false;
            // A file is analysed again when something its parsed code looked up changed, or when an exported name
            // appears in its unparsed text.
            if (dependencySignature(registry, o.dependencies) !== o.dependencySignature)
                return true;
            if (o.unparsed.length === 0)
                return false;
            try {
                for (const m of scanner.text(e).matchAll(mentions))
                    if (within(o.unparsed, m.index))
                        return true;
            }
            catch {
                return false;
            }
            return false;
        });
    }
    const all = [...outcomes.values()];
    const rootFile = walked.files.length === 1 && walked.files[0].path === options.root ? all[0] : undefined;
    if (rootFile?.skipped?.reason === 'unreadable') {
        throw new RootNotFoundError(`cannot read ${options.root}: ${rootFile.skipped.detail ?? 'unreadable'}`);
    }
    const centers = reconcileCenters(all);
    const modes = governingModes(centers, all.filter((o) => !o.skipped).map((o) => o.rel), (rel) => {
        const entry = files.find((e) => e.rel === rel);
        try {
            return entry ? scanner.text(entry) : undefined;
        }
        catch {
            return undefined;
        }
    });
    const findings = all
        .flatMap((o) => toFindings(o, modes.get(o.rel) === 'Lightning'))
        .sort((a, b) => (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
        a.location.line - b.location.line ||
        a.location.column - b.location.column ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    const skipped = [...walked.skipped, ...archiveSkips, ...all.flatMap((o) => (o.skipped ? [o.skipped] : []))].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
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
