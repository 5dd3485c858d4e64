// Wrappers: a function that forwards its arguments (or a method name) to Open CTI is described by the calls it makes,
// each argument a template over its parameters; a call site instantiates the templates with its own arguments.
import type * as TS from 'typescript';
import {
    UNKNOWN,
    type ArgTemplate,
    type ArgView,
    type CallableDef,
    type PortableRef,
    type Trait,
    type WrapperCall
} from '../detections.js';
import {
    MAX_VIEW_DEPTH,
    mergeTraits,
    literalKey,
    propertyNameText,
    ts,
    unwrap,
    type CallRecord,
    type FunctionInfo,
    type Scope,
    type UnitModel
} from './model.js';
import type { Resolver } from './resolve.js';

/** Finds wrappers, and the Open CTI call (or wrapper) a call expression reaches. */
export class Wrappers {
    constructor(
        private readonly m: UnitModel,
        private readonly r: Resolver
    ) {}

    callableOf(fn: FunctionInfo): CallableDef | undefined {
        const calls: WrapperCall[] = [];
        for (const call of fn.calls) {
            for (const wrapped of this.forwardedCalls(call, fn)) {
                if (forwards(wrapped)) calls.push(wrapped);
            }
        }
        let returns: PortableRef | undefined;
        // An async function returns a promise of its value; so does one that returns such a promise.
        let isAsync =
            ts.canHaveModifiers(fn.node) &&
            (ts.getModifiers(fn.node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
        for (const r of fn.returns) {
            let ref = this.r.resolve(r.expr, r.scope, 0);
            if (ref?.kind === 'promise') {
                isAsync = true;
                ref = ref.value;
            }
            if (
                ref &&
                (ref.kind === 'api' || ref.kind === 'window' || ref.kind === 'web' || ref.kind === 'namespace')
            ) {
                returns = ref;
                break;
            }
        }
        if (calls.length === 0 && !returns) return undefined;
        const { line } = this.m.sf.getLineAndCharacterOfPosition(fn.node.getStart(this.m.sf));
        const def: CallableDef = {
            id: `${this.m.options.file}#${fn.node.pos}`,
            name: fn.name,
            file: this.m.options.file,
            line: line + 1 + (this.m.options.lineOffset ?? 0),
            calls
        };
        if (returns) def.returns = returns;
        if (returns && isAsync) def.async = true;
        return def;
    }

    /** The Open CTI calls one call expression makes, in terms of `fn`'s parameters. */
    private forwardedCalls(call: CallRecord, fn: FunctionInfo): WrapperCall[] {
        const site = this.callSite(call);
        if (!site) return [];
        const args = site.args.map((a) => this.templateOf(a, call.scope, fn, 0));
        if (site.kind === 'api') return [{ target: { kind: 'fixed', path: site.path, traits: site.traits }, args }];
        if (site.kind === 'dynamic') {
            const key = site.key;
            const binding = ts.isIdentifier(key) ? call.scope.lookup(key.text) : undefined;
            if (binding?.paramOf === fn && binding.paramIndex !== undefined) {
                return [
                    {
                        target: {
                            kind: 'param-method',
                            base: site.path,
                            index: binding.paramIndex,
                            traits: site.traits
                        },
                        args
                    }
                ];
            }
            return [];
        }
        if (site.def.id === fn.def?.id) return [];
        return site.def.calls.map((inner) => composeCall(inner, args));
    }

    /** Who a call expression calls: an Open CTI member, a dynamic member, or a wrapper. */
    callSite(call: CallRecord):
        | { kind: 'api'; path: string[]; traits: Trait[]; args: readonly TS.Expression[]; callee: TS.Expression }
        | {
              kind: 'dynamic';
              path: string[];
              traits: Trait[];
              key: TS.Expression;
              args: readonly TS.Expression[];
              callee: TS.Expression;
          }
        | { kind: 'callable'; def: CallableDef; traits: Trait[]; args: readonly TS.Expression[]; callee: TS.Expression }
        | undefined {
        const callee = unwrap(call.node.expression);
        let target: TS.Expression = callee;
        let args: readonly TS.Expression[] = call.node.arguments;
        const extra: Trait[] = [];
        if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) {
            const base = this.r.resolve(callee.expression, call.scope, 0);
            if ((base?.kind === 'api' && base.path.length >= 3) || base?.kind === 'callable') {
                target = callee.expression;
                extra.push('bind-call-apply');
                if (callee.name.text === 'call') {
                    args = call.node.arguments.slice(1);
                } else {
                    const list = call.node.arguments[1];
                    args = list && ts.isArrayLiteralExpression(list) ? list.elements : [];
                }
            }
        }
        if (ts.isPropertyAccessExpression(target) && target.name.text === 'bind') return undefined;
        if (ts.isElementAccessExpression(target) && literalKey(target.argumentExpression) === undefined) {
            const base = this.r.resolve(target.expression, call.scope, 0);
            if (base?.kind === 'api' && base.path.length >= 2) {
                return {
                    kind: 'dynamic',
                    path: base.path,
                    traits: mergeTraits(base.traits, [...extra, 'element-access']),
                    key: target.argumentExpression,
                    args,
                    callee: target
                };
            }
            return undefined;
        }
        const ref = this.r.resolve(target, call.scope, 0);
        if (ref?.kind === 'api' && ref.path.length >= 3) {
            return { kind: 'api', path: ref.path, traits: mergeTraits(ref.traits, extra), args, callee: target };
        }
        if (ref?.kind === 'callable' && ref.def.calls.length > 0) {
            return { kind: 'callable', def: ref.def, traits: mergeTraits(ref.traits, extra), args, callee: target };
        }
        return undefined;
    }

    private templateOf(expr: TS.Expression, scope: Scope, fn: FunctionInfo, depth: number): ArgTemplate {
        const e = ts.isSpreadElement(expr) ? expr : unwrap(expr);
        if (ts.isSpreadElement(e)) {
            const inner = unwrap(e.expression);
            const binding = ts.isIdentifier(inner) ? scope.lookup(inner.text) : undefined;
            if (binding?.paramOf === fn && binding.rest && binding.paramIndex !== undefined) {
                return { kind: 'rest', from: binding.paramIndex };
            }
            return { kind: 'fixed', view: UNKNOWN };
        }
        if (ts.isIdentifier(e)) {
            const binding = scope.lookup(e.text);
            if (binding?.paramOf === fn && binding.paramIndex !== undefined && !binding.rest) {
                return { kind: 'param', index: binding.paramIndex };
            }
        }
        if (ts.isObjectLiteralExpression(e) && depth < MAX_VIEW_DEPTH) {
            const props: Record<string, ArgTemplate> = {};
            let spread = false;
            let spreadFrom: ArgTemplate | undefined;
            for (const prop of e.properties) {
                if (ts.isPropertyAssignment(prop)) {
                    const key = propertyNameText(prop.name);
                    if (key === undefined) spread = true;
                    else props[key] = this.templateOf(prop.initializer, scope, fn, depth + 1);
                } else if (ts.isShorthandPropertyAssignment(prop)) {
                    props[prop.name.text] = this.templateOf(prop.name, scope, fn, depth + 1);
                } else if (ts.isMethodDeclaration(prop)) {
                    const key = propertyNameText(prop.name);
                    if (key !== undefined) props[key] = { kind: 'fixed', view: { kind: 'function' } };
                } else if (ts.isSpreadAssignment(prop)) {
                    const t = this.templateOf(prop.expression, scope, fn, depth + 1);
                    if (t.kind === 'param' && !spreadFrom) spreadFrom = t;
                    else spread = true;
                }
            }
            return spreadFrom ? { kind: 'object', props, spread, spreadFrom } : { kind: 'object', props, spread };
        }
        return { kind: 'fixed', view: this.r.viewOf(e, scope, depth) };
    }
}

function templateForwards(t: ArgTemplate): boolean {
    switch (t.kind) {
        case 'param':
        case 'rest':
            return true;
        case 'object':
            return Object.values(t.props).some(templateForwards) || t.spreadFrom !== undefined;
        case 'fixed':
            return false;
    }
}

function forwards(call: WrapperCall): boolean {
    return call.target.kind === 'param-method' || call.args.some(templateForwards);
}

/** Rewrites a wrapper's inner call in terms of the arguments an outer wrapper passes it. */
function composeCall(inner: WrapperCall, outer: ArgTemplate[]): WrapperCall {
    const target = inner.target;
    let composedTarget = target;
    if (target.kind === 'param-method') {
        const arg = paramTemplate(target.index, outer);
        if (arg.kind === 'param') composedTarget = { ...target, index: arg.index };
        else if (arg.kind === 'fixed' && arg.view.kind === 'string' && !arg.view.partial) {
            composedTarget = { kind: 'fixed', path: [...target.base, arg.view.value], traits: target.traits };
        } else composedTarget = { ...target, index: -1 };
    }
    const args: ArgTemplate[] = [];
    for (const t of inner.args) {
        if (t.kind === 'rest') {
            for (let i = t.from; i < outer.length; i++) args.push(paramTemplate(i, outer));
        } else args.push(composeTemplate(t, outer));
    }
    return { target: composedTarget, args };
}

function paramTemplate(index: number, outer: ArgTemplate[]): ArgTemplate {
    for (let i = 0; i < outer.length && i <= index; i++) {
        const t = outer[i];
        if (t?.kind === 'rest') return { kind: 'param', index: t.from + (index - i) };
    }
    return outer[index] ?? { kind: 'fixed', view: UNKNOWN };
}

function composeTemplate(t: ArgTemplate, outer: ArgTemplate[]): ArgTemplate {
    switch (t.kind) {
        case 'param':
            return paramTemplate(t.index, outer);
        case 'rest':
            return { kind: 'fixed', view: UNKNOWN };
        case 'object': {
            const props: Record<string, ArgTemplate> = {};
            for (const [k, v] of Object.entries(t.props)) props[k] = composeTemplate(v, outer);
            return t.spreadFrom
                ? { kind: 'object', props, spread: t.spread, spreadFrom: composeTemplate(t.spreadFrom, outer) }
                : { kind: 'object', props, spread: t.spread };
        }
        case 'fixed':
            return t;
    }
}

/** The argument views a wrapper's inner call receives when the wrapper is called with `site`. */
export function instantiateArgs(templates: readonly ArgTemplate[], site: readonly ArgView[]): ArgView[] {
    const out: ArgView[] = [];
    for (const t of templates) {
        if (t.kind === 'rest') out.push(...site.slice(t.from));
        else out.push(instantiate(t, site));
    }
    return out;
}

function instantiate(t: ArgTemplate, site: readonly ArgView[]): ArgView {
    switch (t.kind) {
        case 'param':
            return site[t.index] ?? UNKNOWN;
        case 'rest':
            return UNKNOWN;
        case 'fixed':
            return t.view;
        case 'object': {
            const props: Record<string, ArgView> = {};
            let spread = t.spread;
            if (t.spreadFrom) {
                const base = instantiate(t.spreadFrom, site);
                if (base.kind === 'object') {
                    Object.assign(props, base.props);
                    spread = spread || base.spread;
                } else spread = true;
            }
            for (const [k, v] of Object.entries(t.props)) props[k] = instantiate(v, site);
            return { kind: 'object', props, spread };
        }
    }
}
