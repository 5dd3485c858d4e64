// Finds Open CTI usage in one JavaScript/TypeScript unit, parsed by oxc (converted to the compiler's node shapes,
// js/oxc-tree.ts) or, when oxc does not take it, by the TypeScript compiler. Never executes the code.
//
// The phases share one model record (js/model.ts), each in its own file:
// 1. collect (js/collect.ts): one walk builds lexical scopes and records declarations, assignments, calls and member
//    chains;
// 2. solve aliases (js/solve.ts, with js/resolve.ts): a fixpoint resolves every binding (aliases, destructuring,
//    imports, parameters) and every function that forwards its arguments to Open CTI (a wrapper, js/templates.ts),
//    until nothing changes;
// 3. emit findings (js/emit.ts): the recorded calls and chains are resolved once more and turned into detections;
//    js/exports.ts says what the unit offers other files.
import type * as TS from 'typescript';
import type { Detection, FileExports, PortableRef } from './detections.js';
import { Collector } from './js/collect.js';
import { Emitter } from './js/emit.js';
import { ExportCollector } from './js/exports.js';
import { UnitModel, loadCompiler, useCompiler, type AnalyzeOptions, type Language } from './js/model.js';
import { oxcCompiler } from './js/oxc-compiler.js';
import { parseWithOxc } from './js/oxc-tree.js';
import { loadOxcParser } from '../lazy.js';
import { Resolver } from './js/resolve.js';
import { Solver } from './js/solve.js';
import { Wrappers } from './js/templates.js';

export { NestingTooDeepError, type AnalyzeOptions, type Language } from './js/model.js';
export { isConstantPath } from './js/emit.js';
export { instantiateArgs } from './js/templates.js';

export interface AnalysisResult {
    detections: Detection[];
    exports: FileExports;
    /** The object literal an Aura bundle file consists of (`({ method: function () {...} })`), for its helper. */
    bundleObject?: PortableRef;
    /**
     * What the unit looked up in the registry (`global:<name>`, `module:<key>`), found or not: the unit needs a
     * new analysis only when one of these changes.
     */
    dependencies: string[];
    syntaxError?: { offset: number; message: string };
}

function scriptKind(ts: typeof TS, language: Language): TS.ScriptKind {
    switch (language) {
        case 'ts':
            return ts.ScriptKind.TS;
        case 'tsx':
            return ts.ScriptKind.TSX;
        case 'jsx':
            return ts.ScriptKind.JSX;
        default:
            return ts.ScriptKind.JS;
    }
}

const MAX_PARENT_DEPTH = 2000;

/** Sets `parent` on every node under `sf` (not JSDoc, which no phase reads); false when the tree is too deep. */
function setParents(ts: typeof TS, sf: TS.SourceFile): boolean {
    let parent: TS.Node = sf;
    let depth = 0;
    let tooDeep = false;
    const visit = (child: TS.Node): boolean => {
        (child as { parent: TS.Node }).parent = parent;
        if (++depth > MAX_PARENT_DEPTH) {
            tooDeep = true;
            return true; // a truthy result stops forEachChild
        }
        const saved = parent;
        parent = child;
        const stop = ts.forEachChild(child, visit) ?? false;
        parent = saved;
        depth--;
        return stop;
    };
    ts.forEachChild(sf, visit);
    return !tooDeep;
}

/** A unit's tree and the compiler API that reads it, or the first syntax error. */
export type ParsedUnit =
    { sf: TS.SourceFile; compiler: typeof TS } | { syntaxError: { offset: number; message: string } };

/** Parses with the TypeScript compiler: every unit oxc does not take, and the reference the tests hold oxc to. */
export function parseWithTypeScript(text: string, options: AnalyzeOptions): ParsedUnit {
    const ts = loadCompiler();
    // No phase reads JSDoc, so the parser skips it.
    const target = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
    let sf = ts.createSourceFile(options.file, text, target, false, scriptKind(ts, options.language));
    // Parent links, which every phase reads, set by one plain walk: the compiler's own pass (setParentNodes) took
    // 40% of the parse of a large file. Past a depth this walk's stack would not hold, the compiler's pass instead.
    if (!setParents(ts, sf)) {
        sf = ts.createSourceFile(options.file, text, target, true, scriptKind(ts, options.language));
    }
    const parseDiagnostics = (sf as unknown as { parseDiagnostics?: readonly TS.Diagnostic[] }).parseDiagnostics ?? [];
    const firstError = parseDiagnostics[0];
    if (firstError) {
        return {
            syntaxError: {
                offset: firstError.start ?? 0,
                message: ts.flattenDiagnosticMessageText(firstError.messageText, ' ')
            }
        };
    }
    return { sf, compiler: ts };
}

/**
 * Parses with oxc (js/oxc-tree.ts) when it is installed for this platform and takes the text; otherwise, and for
 * anything it reports as an error, with the compiler, whose tolerance and messages the scanner has always had.
 */
export function parseUnit(text: string, options: AnalyzeOptions): ParsedUnit {
    const oxc = loadOxcParser();
    const sf = oxc && parseWithOxc(oxc, options.file, text, options.language);
    return sf ? { sf, compiler: oxcCompiler as unknown as typeof TS } : parseWithTypeScript(text, options);
}

/** Analyses a parsed unit (a syntax error is reported, with nothing found). */
export function analyzeParsed(parsed: ParsedUnit, options: AnalyzeOptions): AnalysisResult {
    if ('syntaxError' in parsed) {
        return {
            detections: [],
            exports: { globals: {}, moduleExports: {} },
            dependencies: [],
            syntaxError: parsed.syntaxError
        };
    }
    useCompiler(parsed.compiler);
    const model = new UnitModel(parsed.sf, options);
    const resolver = new Resolver(model);
    const wrappers = new Wrappers(model, resolver);
    new Collector(model).run();
    new Solver(model, resolver, wrappers).solve();
    const detections = new Emitter(model, resolver, wrappers).run();
    const exporter = new ExportCollector(model, resolver);
    const exports = exporter.collectExports();
    const result: AnalysisResult = { detections, exports, dependencies: [...model.dependencies].sort() };
    const bundleObject = exporter.bundleObject();
    if (bundleObject) result.bundleObject = bundleObject;
    return result;
}

/** Analyses one unit of JavaScript or TypeScript source. */
export function analyzeJavaScript(text: string, options: AnalyzeOptions): AnalysisResult {
    return analyzeParsed(parseUnit(text, options), options);
}
