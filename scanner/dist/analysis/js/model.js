// Generated from scanner/src/analysis/js/model.ts by `npm run build -w @switchboard/scanner`: do not edit.
import { loadTypeScript } from '../../lazy.js';
/** The compiler, loaded by `loadCompiler` on first use (see lazy.ts: it is not loaded at start-up). */
export let ts;
export function loadCompiler() {
    ts ??= loadTypeScript();
    return ts;
}
/** Thrown when the input nests deeper than the analyser walks; the caller falls back to the token scan. */
export class NestingTooDeepError extends Error {
    constructor() {
        super('nested too deeply to analyse');
    }
}
/** How deep an argument's shape is read (objects in objects), in views and in wrapper templates. */
export const MAX_VIEW_DEPTH = 4;
/** The nearest enclosing function of a node (undefined at the top level). */
export function enclosingFunction(node) {
    for (let n = node.parent; n; n = n.parent)
        if (isFunctionLike(n))
            return n;
    return undefined;
}
export class Scope {
    parent;
    isFunction;
    thisObject;
    names = new Map();
    constructor(parent, isFunction, thisObject) {
        this.parent = parent;
        this.isFunction = isFunction;
        this.thisObject = thisObject;
    }
    lookup(name) {
        return this.names.get(name) ?? this.parent?.lookup(name);
    }
    functionScope() {
        return this.isFunction || !this.parent ? this : this.parent.functionScope();
    }
    declare(name, extra) {
        const existing = this.names.get(name);
        if (existing) {
            if (extra)
                Object.assign(existing, extra);
            return existing;
        }
        const b = extra ? { name, ...extra } : { name };
        this.names.set(name, b);
        return b;
    }
    thisObj() {
        return this.thisObject === 'inherit' ? this.parent?.thisObj() : this.thisObject;
    }
}
export function unwrap(node) {
    let n = node;
    while (ts.isParenthesizedExpression(n) ||
        ts.isNonNullExpression(n) ||
        ts.isAsExpression(n) ||
        ts.isTypeAssertionExpression(n) ||
        ts.isSatisfiesExpression(n)) {
        n = n.expression;
    }
    return n;
}
export function isFunctionLike(node) {
    switch (node.kind) {
        case ts.SyntaxKind.FunctionDeclaration:
        case ts.SyntaxKind.FunctionExpression:
        case ts.SyntaxKind.ArrowFunction:
        case ts.SyntaxKind.MethodDeclaration:
        case ts.SyntaxKind.Constructor:
        case ts.SyntaxKind.GetAccessor:
        case ts.SyntaxKind.SetAccessor:
            return true;
        default:
            return false;
    }
}
export function propertyNameText(name) {
    if (!name)
        return undefined;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
        return name.text;
    if (ts.isNoSubstitutionTemplateLiteral(name))
        return name.text;
    return undefined;
}
export function literalKey(expr) {
    const e = unwrap(expr);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e))
        return e.text;
    return undefined;
}
/** One unit's shared record: written by the collect phase, completed by the solve phase, read by the others. */
export class UnitModel {
    sf;
    options;
    isModule;
    root;
    rec = {
        decls: [],
        assignments: [],
        calls: [],
        constructions: [],
        chains: [],
        identifiers: [],
        functions: [],
        moduleExports: []
    };
    functionByNode = new Map();
    objectByNode = new Map();
    /** What the unit looked up in the registry (`global:<name>`, `module:<key>`). */
    dependencies = new Set();
    /** `(function (cti) { ... })(sforce.opencti)`: parameters bound once the function's scope exists. */
    pendingParameterBindings = [];
    /** Names a module sets on `window` (`window.cti = ...`): globals other scripts see. */
    windowGlobals = new Set();
    nextObjectId = 1;
    constructor(sf, options) {
        this.sf = sf;
        this.options = options;
        this.isModule = options.module ?? (ts.isExternalModule(sf) || usesCommonJsExports(sf));
        this.root = new Scope(undefined, true, undefined);
    }
    objectFor(node) {
        let obj = this.objectByNode.get(node);
        if (!obj) {
            obj = { id: this.nextObjectId++, members: new Map(), node };
            this.objectByNode.set(node, obj);
        }
        return obj;
    }
    functionFor(node, scope, name) {
        let fn = this.functionByNode.get(node);
        if (!fn) {
            fn = { node, scope, name, calls: [], returns: [], signature: '-' };
            this.functionByNode.set(node, fn);
            this.rec.functions.push(fn);
        }
        return fn;
    }
}
function usesCommonJsExports(sf) {
    return sf.statements.some((s) => ts.isExpressionStatement(s) &&
        ts.isBinaryExpression(s.expression) &&
        s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        /^(module\.exports|exports\.)/.test(s.expression.left.getText(sf)));
}
export function mergeTraits(a, b) {
    const out = [...a];
    for (const t of b)
        if (!out.includes(t))
            out.push(t);
    return out;
}
