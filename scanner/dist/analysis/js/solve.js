// Generated from scanner/src/analysis/js/solve.ts by `npm run build -w @switchboard/scanner`: do not edit.
import { addTraits } from '../detections.js';
import { isFunctionLike, literalKey, ts, unwrap } from './model.js';
const FIXPOINT_ROUNDS = 8;
function refSignature(ref) {
    if (!ref)
        return '-';
    switch (ref.kind) {
        case 'api':
            return `a:${ref.path.join('.')}:${[...ref.traits].sort().join(',')}`;
        case 'window':
            return `w:${[...ref.traits].sort().join(',')}`;
        case 'web':
            return `b:${ref.name}`;
        case 'callable':
            return `c:${ref.def.id}:${callableSignature(ref.def)}`;
        case 'namespace':
            return `n:${Object.keys(ref.members).sort().join(',')}`;
        case 'object':
            return `o:${ref.obj.id}`;
        case 'promise':
            return `p:${refSignature(ref.value)}`;
    }
}
function callableSignature(def) {
    if (!def)
        return '-';
    return JSON.stringify([def.calls, def.returns ? refSignature(def.returns) : '', def.async ?? false]);
}
/** Whether `resolve` can find anything in an expression of this shape (an arithmetic result or a literal never). */
function mayResolve(expr) {
    const e = unwrap(expr);
    switch (e.kind) {
        case ts.SyntaxKind.Identifier:
        case ts.SyntaxKind.ThisKeyword:
        case ts.SyntaxKind.PropertyAccessExpression:
        case ts.SyntaxKind.ElementAccessExpression:
        case ts.SyntaxKind.CallExpression:
        case ts.SyntaxKind.NewExpression:
        case ts.SyntaxKind.AwaitExpression:
        case ts.SyntaxKind.ObjectLiteralExpression:
        case ts.SyntaxKind.ClassExpression:
        case ts.SyntaxKind.FunctionExpression:
        case ts.SyntaxKind.ArrowFunction:
        case ts.SyntaxKind.ConditionalExpression:
            return true;
        case ts.SyntaxKind.BinaryExpression:
            switch (e.operatorToken.kind) {
                case ts.SyntaxKind.AmpersandAmpersandToken:
                case ts.SyntaxKind.BarBarToken:
                case ts.SyntaxKind.QuestionQuestionToken:
                case ts.SyntaxKind.CommaToken:
                case ts.SyntaxKind.EqualsToken:
                    return true;
                default:
                    return false;
            }
        default:
            return false;
    }
}
/** Completes the model: a reference for every binding, a definition for every wrapper. */
export class Solver {
    m;
    r;
    w;
    constructor(m, r, w) {
        this.m = m;
        this.r = r;
        this.w = w;
    }
    solve() {
        const helper = this.m.options.auraHelper;
        if (this.m.options.auraHelperKey)
            this.m.dependencies.add(`module:${this.m.options.auraHelperKey}`);
        if (helper) {
            for (const fn of this.m.rec.functions) {
                const binding = fn.scope.names.get('helper');
                if (binding?.paramOf === fn)
                    binding.ref = addTraits(helper, ['object-member']);
            }
        }
        for (const pending of this.m.pendingParameterBindings) {
            const fn = this.m.functionByNode.get(pending.fnNode);
            const binding = fn?.scope.names.get(pending.name);
            if (binding) {
                this.m.rec.decls.push({
                    kind: 'init',
                    binding,
                    expr: pending.arg,
                    scope: pending.scope,
                    keys: [],
                    trait: 'alias'
                });
            }
        }
        for (let round = 0; round < FIXPOINT_ROUNDS; round++) {
            let changed = this.bindArguments();
            for (const decl of this.m.rec.decls) {
                const ref = this.resolveDecl(decl);
                if (refSignature(ref) !== refSignature(decl.binding.ref)) {
                    decl.binding.ref = ref;
                    changed = true;
                }
            }
            for (const assignment of this.m.rec.assignments) {
                if (this.applyAssignment(assignment.left, assignment.right, assignment.scope))
                    changed = true;
            }
            for (const fn of this.m.rec.functions) {
                const def = this.w.callableOf(fn);
                const signature = callableSignature(def);
                if (signature !== fn.signature) {
                    fn.def = def;
                    fn.signature = signature;
                    changed = true;
                }
            }
            if (!changed)
                break;
        }
    }
    resolveDecl(decl) {
        switch (decl.kind) {
            case 'function':
                return decl.fn.def ? { kind: 'callable', def: decl.fn.def, traits: [] } : undefined;
            case 'import': {
                if (decl.name === '*')
                    return this.r.moduleNamespace(decl.module);
                if (!decl.module)
                    return undefined;
                this.m.dependencies.add(`module:${decl.module}`);
                const ref = this.m.options.registry.modules.get(decl.module)?.[decl.name];
                return ref ? addTraits(ref, ['imported']) : undefined;
            }
            case 'init': {
                let ref = this.r.resolve(decl.expr, decl.scope, 0);
                for (const key of decl.keys)
                    ref = this.r.member(ref, key, [], 0);
                if (!ref)
                    return undefined;
                if (ref.kind === 'object' || ref.kind === 'callable' || ref.kind === 'promise')
                    return ref;
                // `const lib = require('./lib')` is an import, not an alias of something.
                const e = unwrap(decl.expr);
                if (decl.keys.length === 0 && ts.isCallExpression(e) && this.r.requiredModule(e, decl.scope))
                    return ref;
                return addTraits(ref, [decl.trait]);
            }
            case 'args':
                for (const c of decl.candidates) {
                    let ref = this.r.resolve(c.expr, c.scope, 0);
                    if (c.awaited)
                        ref = ref?.kind === 'promise' ? ref.value : undefined;
                    if (!ref)
                        continue;
                    if (ref.kind === 'object' || ref.kind === 'callable' || ref.kind === 'promise')
                        return ref;
                    return addTraits(ref, ['alias']);
                }
                return undefined;
        }
    }
    argDecls = new Map();
    declaredParams;
    /**
     * Binds the parameters of named functions, methods and constructors to what their call sites pass
     * (`function pop(cti) { cti.screenPop() } pop(sforce.opencti)`), and the parameter of a `.then` callback to
     * what the promise settles to. Returns true when a new candidate was found.
     */
    bindArguments() {
        this.argumentSites ??= this.callSitesWithArguments();
        let changed = false;
        // A site is bound once its callee is found; the others are tried again next round (a member can resolve late).
        const open = [];
        for (const site of this.argumentSites) {
            const { node, scope, callee } = site;
            const args = node.arguments;
            if (site.name === 'then' && ts.isPropertyAccessExpression(callee)) {
                const callback = args[0] && unwrap(args[0]);
                const fn = callback && isFunctionLike(callback) ? this.m.functionByNode.get(callback) : undefined;
                if (!fn)
                    continue;
                if (this.r.resolve(callee.expression, scope, 0)?.kind !== 'promise') {
                    open.push(site);
                    continue;
                }
                if (this.addCandidate(fn, 0, { expr: callee.expression, scope, awaited: true }))
                    changed = true;
                continue;
            }
            const fn = ts.isNewExpression(node)
                ? this.constructorOf(callee, scope)
                : this.calleeFunction(callee, scope);
            if (!fn) {
                open.push(site);
                continue;
            }
            args.forEach((arg, index) => {
                if (ts.isSpreadElement(arg) || !mayResolve(arg))
                    return;
                if (this.addCandidate(fn, index, { expr: arg, scope }))
                    changed = true;
            });
        }
        this.argumentSites = open;
        return changed;
    }
    argumentSites;
    /** The calls and `new` expressions with arguments whose callee is named like a function with parameters. */
    callSitesWithArguments() {
        const names = new Set(['then']);
        for (const fn of this.m.rec.functions) {
            if (fn.node.parameters.length === 0)
                continue;
            // `App.init = function (c) {}` is named `App.init`; its calls name `init`.
            names.add(fn.name.slice(fn.name.lastIndexOf('.') + 1));
            if (ts.isConstructorDeclaration(fn.node)) {
                const owner = fn.node.parent;
                if (owner.name)
                    names.add(owner.name.text);
                if (ts.isClassExpression(owner) && ts.isVariableDeclaration(owner.parent)) {
                    names.add(owner.parent.name.getText(this.m.sf));
                }
            }
        }
        const sites = [];
        if (names.size === 1)
            return sites; // no function has a parameter
        for (const { node, scope } of [...this.m.rec.calls, ...this.m.rec.constructions]) {
            if (!node.arguments || node.arguments.length === 0)
                continue;
            const callee = unwrap(node.expression);
            const name = ts.isIdentifier(callee)
                ? callee.text
                : ts.isPropertyAccessExpression(callee)
                    ? callee.name.text
                    : undefined;
            if (name !== undefined && names.has(name))
                sites.push({ node, scope, callee, name });
        }
        return sites;
    }
    addCandidate(fn, index, candidate) {
        const param = fn.node.parameters[index];
        if (!param || param.dotDotDotToken || !ts.isIdentifier(param.name))
            return false;
        const binding = fn.scope.names.get(param.name.text);
        if (binding?.paramOf !== fn)
            return false;
        let decl = this.argDecls.get(binding);
        if (!decl) {
            // A default value or an immediate invocation already says what the parameter is.
            this.declaredParams ??= new Set(this.m.rec.decls.map((d) => d.binding));
            if (this.declaredParams.has(binding))
                return false;
            decl = { kind: 'args', binding, candidates: [], seen: new Set() };
            this.argDecls.set(binding, decl);
            this.m.rec.decls.push(decl);
            binding.fromArgs = true;
        }
        if (decl.seen.has(candidate.expr))
            return false;
        decl.seen.add(candidate.expr);
        decl.candidates.push(candidate);
        return true;
    }
    /** The function a call expression's callee names: a declared function, a function value, a method. */
    calleeFunction(callee, scope) {
        if (isFunctionLike(callee))
            return undefined; // immediate invocations bind through recordImmediateInvocation
        let node;
        if (ts.isIdentifier(callee)) {
            const binding = scope.lookup(callee.text);
            if (binding?.fn)
                return binding.fn;
            const only = binding?.values?.length === 1 ? binding.values[0]?.expr : undefined;
            node = only && unwrap(only);
        }
        else if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
            const key = ts.isPropertyAccessExpression(callee)
                ? callee.name.text
                : literalKey(callee.argumentExpression);
            const base = key === undefined ? undefined : this.r.resolve(callee.expression, scope, 0);
            node = base?.kind === 'object' && key !== undefined ? base.obj.members.get(key)?.value?.expr : undefined;
        }
        return node && isFunctionLike(node) ? this.m.functionByNode.get(node) : undefined;
    }
    /** The constructor `new X(...)` runs, when X is a class of this unit. */
    constructorOf(callee, scope) {
        const ref = this.r.resolve(callee, scope, 0);
        const node = ref?.kind === 'object' ? ref.obj.node : undefined;
        if (!node || !ts.isClassLike(node))
            return this.calleeFunction(callee, scope);
        const ctor = node.members.find(ts.isConstructorDeclaration);
        return ctor ? this.m.functionByNode.get(ctor) : undefined;
    }
    /** Applies `left = right`; returns true when something changed. */
    applyAssignment(left, right, scope) {
        const target = unwrap(left);
        if (ts.isIdentifier(target)) {
            if (!this.m.isModule && target.text === 'sforce' && !scope.lookup('sforce'))
                return false;
            const value = this.r.resolve(right, scope, 0);
            if (!value)
                return false;
            let binding = scope.lookup(target.text);
            if (!binding)
                binding = this.m.root.declare(target.text);
            // Several objects written to one variable: keep the first for member lookups (views pick by position).
            if (value.kind === 'object' && binding.ref?.kind === 'object' && (binding.values?.length ?? 0) > 1)
                return false;
            const ref = value.kind === 'object' || value.kind === 'callable' ? value : addTraits(value, ['alias']);
            if (refSignature(ref) === refSignature(binding.ref))
                return false;
            binding.ref = ref;
            return true;
        }
        if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target))
            return false;
        const key = ts.isPropertyAccessExpression(target) ? target.name.text : literalKey(target.argumentExpression);
        if (key === undefined)
            return false;
        const base = this.r.resolve(target.expression, scope, 0);
        if (base?.kind === 'object') {
            if (base.obj.members.get(key)?.value?.expr === right)
                return false;
            base.obj.members.set(key, { value: { expr: right, scope } });
            return true;
        }
        if (base?.kind === 'window' && key !== 'sforce') {
            const value = this.r.resolve(right, scope, 0);
            if (!value)
                return false;
            const binding = this.m.root.declare(key);
            if (refSignature(value) === refSignature(binding.ref))
                return false;
            binding.ref = value;
            this.m.windowGlobals.add(key);
            return true;
        }
        return false;
    }
}
