// Generated from scanner/src/analysis/js/resolve.ts by `npm run build -w @switchboard/scanner`: do not edit.
import { UNKNOWN, addTraits } from '../detections.js';
import { MAX_VIEW_DEPTH, enclosingFunction, isFunctionLike, literalKey, mergeTraits, propertyNameText, ts, unwrap } from './model.js';
const MAX_RESOLVE_DEPTH = 40;
/** Names that mean the page's window object when not shadowed. */
const WINDOW_NAMES = new Set(['window', 'globalThis', 'self', 'parent', 'top']);
const WEB_GLOBALS = new Map([
    ['localStorage', 'localStorage'],
    ['sessionStorage', 'sessionStorage'],
    ['indexedDB', 'indexedDB'],
    ['document', 'document'],
    ['$', 'jquery'],
    ['jQuery', 'jquery'],
    ['Cookies', 'Cookies']
]);
/** Resolves expressions against the model; reads it, and adds only the objects of literals and classes. */
export class Resolver {
    m;
    constructor(m) {
        this.m = m;
    }
    /** `require('./x')` where `require` is not a local name: the module key, when it is a scanned file. */
    requiredModule(node, scope) {
        const callee = unwrap(node.expression);
        const arg = node.arguments[0];
        if (!ts.isIdentifier(callee) || callee.text !== 'require' || !arg || !ts.isStringLiteral(arg))
            return undefined;
        if (scope.lookup('require'))
            return undefined;
        return { key: this.m.options.resolveModule?.(arg.text) };
    }
    /** What a module exports, as a namespace reference (and a dependency on it). */
    moduleNamespace(key) {
        if (!key)
            return undefined;
        this.m.dependencies.add(`module:${key}`);
        const exports = this.m.options.registry.modules.get(key);
        return exports ? { kind: 'namespace', members: { ...exports }, traits: ['imported'] } : undefined;
    }
    resolve(node, scope, depth) {
        if (depth > MAX_RESOLVE_DEPTH)
            return undefined;
        const d = depth + 1;
        if (isFunctionLike(node)) {
            const fn = this.m.functionByNode.get(node);
            return fn?.def ? { kind: 'callable', def: fn.def, traits: [] } : undefined;
        }
        if (ts.isClassLike(node))
            return { kind: 'object', obj: this.m.objectFor(node), traits: [] };
        if (!ts.isExpression(node))
            return undefined;
        const e = unwrap(node);
        if (ts.isIdentifier(e))
            return this.resolveIdentifier(e.text, scope);
        if (ts.isAwaitExpression(e)) {
            const settled = this.resolve(e.expression, scope, d);
            return settled?.kind === 'promise' ? settled.value : settled;
        }
        if (ts.isNewExpression(e)) {
            // An instance reads its class's fields and methods (all instances share them: no per-instance state).
            const cls = this.resolve(e.expression, scope, d);
            return cls?.kind === 'object' || cls?.kind === 'namespace' ? cls : undefined;
        }
        if (e.kind === ts.SyntaxKind.ThisKeyword) {
            const obj = scope.thisObj();
            return obj ? { kind: 'object', obj, traits: [] } : undefined;
        }
        if (ts.isPropertyAccessExpression(e)) {
            if (ts.isPrivateIdentifier(e.name))
                return undefined;
            const traits = e.questionDotToken ? ['optional-chaining'] : [];
            return this.member(this.resolve(e.expression, scope, d), e.name.text, traits, d);
        }
        if (ts.isElementAccessExpression(e)) {
            const key = literalKey(e.argumentExpression);
            if (key === undefined)
                return undefined;
            const traits = ['element-access'];
            if (e.questionDotToken)
                traits.push('optional-chaining');
            return this.member(this.resolve(e.expression, scope, d), key, traits, d);
        }
        if (ts.isBinaryExpression(e)) {
            switch (e.operatorToken.kind) {
                case ts.SyntaxKind.AmpersandAmpersandToken:
                case ts.SyntaxKind.CommaToken:
                case ts.SyntaxKind.EqualsToken:
                    return this.resolve(e.right, scope, d);
                case ts.SyntaxKind.BarBarToken:
                case ts.SyntaxKind.QuestionQuestionToken:
                    return this.resolve(e.left, scope, d) ?? this.resolve(e.right, scope, d);
                default:
                    return undefined;
            }
        }
        if (ts.isConditionalExpression(e)) {
            return this.resolve(e.whenTrue, scope, d) ?? this.resolve(e.whenFalse, scope, d);
        }
        if (ts.isObjectLiteralExpression(e))
            return { kind: 'object', obj: this.objectLiteral(e, scope), traits: [] };
        if (ts.isCallExpression(e)) {
            const callee = unwrap(e.expression);
            if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
                const bound = this.resolve(callee.expression, scope, d);
                return bound && bound.kind !== 'object' ? addTraits(bound, ['bind-call-apply']) : bound;
            }
            const required = this.requiredModule(e, scope);
            if (required)
                return this.moduleNamespace(required.key);
            const target = this.resolve(callee, scope, d);
            if (target?.kind === 'callable' && target.def.returns) {
                const value = addTraits(target.def.returns, [...target.traits, 'alias']);
                return target.def.async ? { kind: 'promise', value, traits: [] } : value;
            }
            return undefined;
        }
        return undefined;
    }
    resolveIdentifier(name, scope) {
        const binding = scope.lookup(name);
        if (binding)
            return binding.ref;
        if (name === 'sforce')
            return { kind: 'api', path: ['sforce'], traits: [] };
        if (WINDOW_NAMES.has(name))
            return { kind: 'window', traits: [] };
        const web = WEB_GLOBALS.get(name);
        if (web)
            return { kind: 'web', name: web, traits: [] };
        this.m.dependencies.add(`global:${name}`);
        const global = this.m.options.registry.globals.get(name);
        return global ? addTraits(global, ['imported']) : undefined;
    }
    member(base, name, traits, depth) {
        if (!base)
            return undefined;
        switch (base.kind) {
            case 'api':
                return { kind: 'api', path: [...base.path, name], traits: mergeTraits(base.traits, traits) };
            case 'window': {
                const t = mergeTraits(base.traits, traits);
                if (name === 'sforce')
                    return { kind: 'api', path: ['sforce'], traits: mergeTraits(t, ['global-object']) };
                if (WINDOW_NAMES.has(name))
                    return { kind: 'window', traits: t };
                const web = WEB_GLOBALS.get(name);
                if (web)
                    return { kind: 'web', name: web, traits: t };
                const local = this.m.root.names.get(name)?.ref;
                if (!local)
                    this.m.dependencies.add(`global:${name}`);
                const own = local ?? this.m.options.registry.globals.get(name);
                return own ? addTraits(own, t) : undefined;
            }
            case 'web':
                return this.webMember(base.name, name, base.traits, base.api);
            case 'namespace': {
                const ref = base.members[name];
                return ref ? addTraits(ref, mergeTraits(base.traits, traits)) : undefined;
            }
            case 'object': {
                const m = base.obj.members.get(name);
                if (!m)
                    return undefined;
                const ref = m.ref ?? (m.value ? this.resolve(m.value.expr, m.value.scope, depth + 1) : undefined);
                if (!ref)
                    return undefined;
                return ref.kind === 'object' ? ref : addTraits(ref, mergeTraits(traits, ['object-member']));
            }
            case 'callable':
            case 'promise':
                return undefined;
        }
    }
    webMember(base, name, traits, api) {
        switch (base) {
            case 'document':
                if (name === 'cookie')
                    return { kind: 'web', name: 'cookie', traits, api: 'document.cookie' };
                // Only a request changes anything; hasStorageAccess() asks, and neither is storage use.
                if (name === 'requestStorageAccess') {
                    return { kind: 'web', name: 'storage-access', traits, api: 'document.requestStorageAccess' };
                }
                return undefined;
            case 'jquery':
                return name === 'cookie' || name === 'removeCookie'
                    ? { kind: 'web', name: 'cookie', traits, api: `$.${name}` }
                    : undefined;
            case 'Cookies':
                // js-cookie: set/remove write a cookie, get reads one; other members are not cookie access.
                return ['set', 'get', 'remove'].includes(name)
                    ? { kind: 'web', name: 'cookie', traits, api: `Cookies.${name}` }
                    : undefined;
            case 'cookie':
            case 'localStorage':
            case 'sessionStorage':
            case 'indexedDB':
                return { kind: 'web', name: base, traits, ...(api ? { api } : {}) };
            case 'storage-access':
                return undefined;
        }
    }
    populatedLiterals = new Set();
    objectLiteral(node, scope) {
        const obj = this.m.objectFor(node);
        if (this.populatedLiterals.has(node))
            return obj;
        this.populatedLiterals.add(node);
        for (const prop of node.properties) {
            if (ts.isPropertyAssignment(prop)) {
                const key = propertyNameText(prop.name);
                if (key !== undefined && !obj.members.has(key)) {
                    obj.members.set(key, { value: { expr: prop.initializer, scope } });
                }
            }
            else if (ts.isShorthandPropertyAssignment(prop)) {
                if (!obj.members.has(prop.name.text)) {
                    obj.members.set(prop.name.text, { value: { expr: prop.name, scope } });
                }
            }
            else if (ts.isMethodDeclaration(prop)) {
                const key = propertyNameText(prop.name);
                if (key !== undefined && !obj.members.has(key))
                    obj.members.set(key, { value: { expr: prop, scope } });
            }
        }
        return obj;
    }
    viewOf(node, scope, depth, seen = new Set()) {
        if (depth > MAX_VIEW_DEPTH)
            return UNKNOWN;
        if (isFunctionLike(node))
            return { kind: 'function' };
        if (!ts.isExpression(node))
            return UNKNOWN;
        const e = unwrap(node);
        if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
            return { kind: 'string', value: e.text, partial: false };
        }
        if (ts.isTemplateExpression(e)) {
            const value = e.head.text + e.templateSpans.map((s) => `\u0000${s.literal.text}`).join('');
            return { kind: 'string', value, partial: true };
        }
        if (ts.isNumericLiteral(e))
            return { kind: 'number', value: Number(e.text) };
        if (ts.isPrefixUnaryExpression(e) &&
            e.operator === ts.SyntaxKind.MinusToken &&
            ts.isNumericLiteral(e.operand)) {
            return { kind: 'number', value: -Number(e.operand.text) };
        }
        if (e.kind === ts.SyntaxKind.TrueKeyword)
            return { kind: 'boolean', value: true };
        if (e.kind === ts.SyntaxKind.FalseKeyword)
            return { kind: 'boolean', value: false };
        if (ts.isArrayLiteralExpression(e))
            return { kind: 'array' };
        if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
            const left = this.viewOf(e.left, scope, depth + 1, seen);
            const right = this.viewOf(e.right, scope, depth + 1, seen);
            if (left.kind === 'string' || right.kind === 'string') {
                const text = (v) => (v.kind === 'string' ? v.value : '\u0000');
                return { kind: 'string', value: text(left) + text(right), partial: true };
            }
            return UNKNOWN;
        }
        if (ts.isObjectLiteralExpression(e)) {
            return this.objectView(this.objectLiteral(e, scope), depth, seen, e);
        }
        if (ts.isIdentifier(e)) {
            const binding = scope.lookup(e.text);
            if (binding?.isFunction)
                return { kind: 'function' };
            if (binding?.fromArgs)
                return binding.ref?.kind === 'api' ? { kind: 'api', path: binding.ref.path } : UNKNOWN;
            // A variable written several times (`args = {...}; f(args); args = {...}; g(args);`): take the last
            // value written before this use in the same function, or nothing rather than a wrong guess.
            if (binding?.values && binding.values.length > 1) {
                const fn = enclosingFunction(e);
                const before = binding.values.filter((v) => v.fn === fn && v.pos < e.pos);
                const last = before[before.length - 1];
                return last ? this.viewOf(last.expr, last.scope, depth + 1, seen) : UNKNOWN;
            }
        }
        const ref = this.resolve(e, scope, 0);
        if (ref?.kind === 'api')
            return { kind: 'api', path: ref.path };
        if (ref?.kind === 'callable')
            return { kind: 'function' };
        if (ref?.kind === 'object')
            return this.objectView(ref.obj, depth, seen);
        return UNKNOWN;
    }
    objectView(obj, depth, seen, literal) {
        if (seen.has(obj.id))
            return UNKNOWN;
        const inner = new Set(seen).add(obj.id);
        const props = {};
        for (const [key, m] of obj.members) {
            props[key] = m.value ? this.viewOf(m.value.expr, m.value.scope, depth + 1, inner) : UNKNOWN;
        }
        const spread = literal !== undefined &&
            literal.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && propertyNameText(p.name) === undefined));
        return { kind: 'object', props, spread };
    }
    /** Resolves an object member for export (members are resolved lazily). */
    memberRef(obj, key) {
        return this.member({ kind: 'object', obj, traits: [] }, key, [], 0);
    }
}
