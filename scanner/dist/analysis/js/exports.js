// Generated from scanner/src/analysis/js/exports.ts by `npm run build -w @switchboard/scanner`: do not edit.
// What a unit offers other files, from its completed model: script globals, module exports (re-exports included) and
// the object an Aura bundle file consists of.
import { addTraits } from '../detections.js';
import { ts, unwrap } from './model.js';
function toPortable(ref, analysis, depth) {
    if (!ref || depth > 3 || ref.kind === 'promise')
        return undefined;
    if (ref.kind !== 'object')
        return ref;
    const members = {};
    for (const key of ref.obj.members.keys()) {
        const inner = toPortable(analysis.memberRef(ref.obj, key), analysis, depth + 1);
        if (inner)
            members[key] = inner;
    }
    return Object.keys(members).length > 0 ? { kind: 'namespace', members, traits: [] } : undefined;
}
/** Reads the exports of one analysed unit. */
export class ExportCollector {
    m;
    r;
    constructor(m, r) {
        this.m = m;
        this.r = r;
    }
    collectExports() {
        const globals = {};
        const moduleExports = {};
        const portable = (ref) => toPortable(ref, this.r, 0);
        if (!this.m.isModule) {
            for (const [name, binding] of this.m.root.names) {
                const p = portable(binding.ref);
                if (p)
                    globals[name] = p;
            }
        }
        else {
            for (const name of this.m.windowGlobals) {
                const p = portable(this.m.root.names.get(name)?.ref);
                if (p)
                    globals[name] = p;
            }
        }
        // The module's own names first: `export *` never brings a name the module declares itself.
        const own = new Set(this.m.rec.moduleExports.filter((e) => !e.from).map((e) => e.name));
        for (const exp of this.m.rec.moduleExports) {
            if (exp.from)
                continue;
            const ref = exp.local
                ? exp.scope.lookup(exp.local)?.ref
                : exp.expr
                    ? this.r.resolve(exp.expr, exp.scope, 0)
                    : undefined;
            const p = portable(ref);
            if (p)
                moduleExports[exp.name] = p;
        }
        for (const exp of this.m.rec.moduleExports) {
            if (!exp.from)
                continue;
            const ns = this.r.moduleNamespace(exp.from.module);
            if (ns?.kind !== 'namespace')
                continue;
            if (exp.name === '*') {
                // Every name but `default`; of two `export *` with one name, the first (the language makes it
                // ambiguous, and an import of it an error).
                for (const [name, ref] of Object.entries(ns.members)) {
                    if (name !== 'default' && !own.has(name) && !(name in moduleExports)) {
                        moduleExports[name] = addTraits(ref, ['imported']);
                    }
                }
            }
            else {
                const ref = exp.from.name === '*' ? ns : ns.members[exp.from.name];
                if (ref)
                    moduleExports[exp.name] = addTraits(ref, ['imported']);
            }
        }
        for (const assignment of this.m.rec.assignments) {
            const text = assignment.left.getText(this.m.sf);
            const name = text === 'module.exports' ? '*' : /^(?:module\.)?exports\.(\w+)$/.exec(text)?.[1];
            if (!name)
                continue;
            const p = portable(this.r.resolve(assignment.right, assignment.scope, 0));
            if (!p)
                continue;
            if (name === '*' && p.kind === 'namespace')
                Object.assign(moduleExports, p.members);
            else if (name === '*')
                moduleExports.default = p;
            else
                moduleExports[name] = p;
        }
        return { globals, moduleExports };
    }
    /** `({ ... })` as the file's only statement: an Aura controller, helper or renderer. */
    bundleObject() {
        const [statement] = this.m.sf.statements;
        if (this.m.sf.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement))
            return undefined;
        const literal = unwrap(statement.expression);
        if (!ts.isObjectLiteralExpression(literal))
            return undefined;
        return toPortable(this.r.resolve(literal, this.m.root, 0), this.r, 0);
    }
}
