// Generated from scanner/src/analysis/javascript.ts by `npm run build -w @switchboard/scanner`: do not edit.
import { Collector } from './js/collect.js';
import { Emitter } from './js/emit.js';
import { ExportCollector } from './js/exports.js';
import { UnitModel, loadCompiler } from './js/model.js';
import { Resolver } from './js/resolve.js';
import { Solver } from './js/solve.js';
import { Wrappers } from './js/templates.js';
export { NestingTooDeepError } from './js/model.js';
export { isConstantPath } from './js/emit.js';
export { instantiateArgs } from './js/templates.js';
function scriptKind(ts, language) {
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
function setParents(ts, sf) {
    let parent = sf;
    let depth = 0;
    let tooDeep = false;
    const visit = (child) => {
        child.parent = parent;
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
/** Analyses one unit of JavaScript or TypeScript source. */
export function analyzeJavaScript(text, options) {
    const ts = loadCompiler();
    // No phase reads JSDoc, so the parser skips it.
    const target = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
    let sf = ts.createSourceFile(options.file, text, target, false, scriptKind(ts, options.language));
    // Parent links, which every phase reads, set by one plain walk: the compiler's own pass (setParentNodes) took
    // 40% of the parse of a large file. Past a depth this walk's stack would not hold, the compiler's pass instead.
    if (!setParents(ts, sf)) {
        sf = ts.createSourceFile(options.file, text, target, true, scriptKind(ts, options.language));
    }
    const parseDiagnostics = sf.parseDiagnostics ?? [];
    const firstError = parseDiagnostics[0];
    if (firstError) {
        return {
            detections: [],
            exports: { globals: {}, moduleExports: {} },
            dependencies: [],
            syntaxError: {
                offset: firstError.start ?? 0,
                message: ts.flattenDiagnosticMessageText(firstError.messageText, ' ')
            }
        };
    }
    const model = new UnitModel(sf, options);
    const resolver = new Resolver(model);
    const wrappers = new Wrappers(model, resolver);
    new Collector(model).run();
    new Solver(model, resolver, wrappers).solve();
    const detections = new Emitter(model, resolver, wrappers).run();
    const exporter = new ExportCollector(model, resolver);
    const exports = exporter.collectExports();
    const result = { detections, exports, dependencies: [...model.dependencies].sort() };
    const bundleObject = exporter.bundleObject();
    if (bundleObject)
        result.bundleObject = bundleObject;
    return result;
}
